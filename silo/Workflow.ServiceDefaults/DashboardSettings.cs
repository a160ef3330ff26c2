namespace Workflow.ServiceDefaults;

/// <summary>
/// The "LandFlow:Dashboard" section. On: silos run the Orleans dashboard's grains and its grain-call
/// profiler, and gateways serve its pages to administrators at <see cref="RoutePrefix"/>. Silos and
/// gateways of one cluster must agree: a gateway's dashboard asks the silos' dashboard grains.
/// Off unless asked for: every second, whether a page is open or not, it collects Orleans' metrics, and two of
/// them visit every activation (about 150 ms of a core per second with 100,000 active grains, measured in
/// docs/benchmarks/limits.md), and its profiler times every grain call.
/// </summary>
public sealed class DashboardSettings
{
    /// <summary>Not <c>/api/dashboard</c>, which is the leaders' analytics.</summary>
    public const string RoutePrefix = "/admin/orleans";

    public bool Enabled { get; set; }
}
