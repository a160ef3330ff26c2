using Xunit.Abstractions;

namespace Workflow.Cluster.Tests;

/// <summary>
/// PostgreSQL, three silo processes and a cluster-mode gateway, started by scripts/cluster-up, under load from many
/// projects at once: a silo is SIGKILLed in the middle, or every silo is restarted gracefully in turn. The CI size runs
/// here; scripts/fault-test runs the full size and writes the figures (docs/faults.md).
/// </summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    /// <summary>Where scripts/fault-test wants the figures written, besides the test output.</summary>
    public const string ReportVariable = "LANDFLOW_FAULT_REPORT";

    [Fact]
    public async Task Cluster_SiloKilledUnderLoad_NoAcknowledgedActLostAndQuotaConserved()
    {
        await using var run = await FaultRun.StartAsync(FaultScale.Current, output.WriteLine);

        var (checks, figures) = await run.KillSiloUnderLoadAsync(victim: 2);
        Publish(run.Report);

        AssertNoFailures(checks);
        Assert.Empty(checks.Missing);
        Assert.Empty(checks.Duplicated);
        Assert.True(checks.Acknowledged > 0, "The load acknowledged no act.");
        Assert.Equal(checks.Acknowledged, checks.AcknowledgedFound);
        Assert.Equal(0, checks.UnavailableWithoutRetryAfter);
        Assert.All(checks.Counties, county => Assert.True(county.Conserved && county.ReservationsMatch, $"Quota of {county.County} not conserved: {county}"));

        // The surviving silos must declare the killed one dead (seconds, docs/clustering.md), and its grains act again.
        Assert.True(figures.DeclaredDeadAfter is { TotalSeconds: < 30 }, $"The killed silo was declared dead after {figures.DeclaredDeadAfter?.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "never"}.");
        Assert.True(figures.ProjectGrainsOnVictim > 0, "No project grain lived on the killed silo: the run proves nothing about failover.");
        Assert.NotNull(figures.FirstActOnVictimGrainAfter);
        run.Passed = true;
    }

    [Fact]
    public async Task Cluster_SilosRestartedGracefullyOneByOneUnderLoad_NoRequestFails()
    {
        await using var run = await FaultRun.StartAsync(FaultScale.Current, output.WriteLine);

        var (checks, restarts) = await run.RestartSilosOneByOneAsync();
        Publish(run.Report);

        Assert.Equal(LocalCluster.Silos, restarts.Count);
        AssertNoFailures(checks);
        Assert.Equal(0, checks.Unavailable);
        Assert.Empty(checks.Missing);
        Assert.Empty(checks.Duplicated);
        Assert.True(checks.Acknowledged > 0, "The load acknowledged no act.");
        Assert.All(checks.Counties, county => Assert.True(county.Conserved && county.ReservationsMatch, $"Quota of {county.County} not conserved: {county}"));
        run.Passed = true;
    }

    /// <summary>Names every failed act with its answers: xunit's own message cuts a collection short, and CI keeps only that.</summary>
    private static void AssertNoFailures(FaultChecks checks)
    {
        var failures = checks.Failures.Select(f => $"{f.Act.Name} of {f.Project.Code}: {f.Problem}").ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} act(s) failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    private void Publish(string report)
    {
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } path)
        {
            File.AppendAllText(path, report + Environment.NewLine);
        }
    }
}
