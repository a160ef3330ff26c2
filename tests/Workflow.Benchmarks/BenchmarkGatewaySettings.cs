namespace Workflow.Benchmarks;

/// <summary>
/// What every gateway a benchmark starts is given besides its deployment's settings: the load acts thousands of
/// times a second as a handful of demo users, with tokens taken once per client. So the per-user rate limits
/// are off (they would measure the limiter, and figures stay comparable with runs from before it), and tokens
/// live the longest the gateway allows, which outlasts a deployment's run (docs/benchmarks/README.md).
/// </summary>
public static class BenchmarkGatewaySettings
{
    public static Dictionary<string, string> WithBenchmarkGatewaySettings(this Dictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["LandFlow:RateLimits:Enabled"] = "false";
        settings["LandFlow:Auth:TokenLifetime"] = "01:00:00";
        return settings;
    }
}
