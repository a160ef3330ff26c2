using Microsoft.Extensions.Configuration;

namespace Workflow.ServiceDefaults;

/// <summary>
/// The "LandFlow:Telemetry" section. Traces are recorded only when something takes them: by default when an OTLP
/// endpoint is configured. Spans that nobody exports still cost an Activity per request and per grain call, and
/// trace context copied into every grain call's request context (measured in docs/benchmarks/limits.md).
/// </summary>
public sealed class TelemetrySettings
{
    /// <summary>Unset: on exactly when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
    public bool? Traces { get; set; }

    public static bool TracesEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetValue<bool?>(LandFlowSettings.TelemetryTraces)
            ?? !string.IsNullOrWhiteSpace(configuration[LandFlowSettings.OtlpEndpoint]);
    }
}
