namespace Workflow.Cluster.Tests;

/// <summary>
/// How hard and how long the fault runs push: the CI size by default, the full size when
/// <c>LANDFLOW_FAULT_SCALE=full</c> (scripts/fault-test).
/// </summary>
internal sealed record FaultScale(string Name, int Lanes, int LotsPerCounty, TimeSpan BeforeFault, TimeSpan AfterFault, TimeSpan BetweenRestarts)
{
    public const string EnvironmentVariable = "LANDFLOW_FAULT_SCALE";

    public static FaultScale Ci { get; } = new("ci", Lanes: 8, LotsPerCounty: 4, BeforeFault: TimeSpan.FromSeconds(15), AfterFault: TimeSpan.FromSeconds(20), BetweenRestarts: TimeSpan.FromSeconds(3));

    public static FaultScale Full { get; } = new("full", Lanes: 24, LotsPerCounty: 12, BeforeFault: TimeSpan.FromSeconds(40), AfterFault: TimeSpan.FromSeconds(60), BetweenRestarts: TimeSpan.FromSeconds(10));

    public static FaultScale Current =>
        string.Equals(Environment.GetEnvironmentVariable(EnvironmentVariable), "full", StringComparison.OrdinalIgnoreCase) ? Full : Ci;
}
