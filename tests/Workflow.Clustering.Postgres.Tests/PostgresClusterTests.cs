using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Workflow.Clustering.Postgres.Tests;

/// <summary>
/// Two silos and a client clustered through PostgreSQL: the client reaches grains on both silos, one silo goes
/// away (gracefully, or by SIGKILL), and the client's calls succeed again once membership has settled.
/// </summary>
public sealed class PostgresClusterTests(PostgresTestDatabase database, ITestOutputHelper output) : IClassFixture<PostgresTestDatabase>
{
    private const int Keys = 32;
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Cluster_SiloStoppedGracefully_ClientCallsKeepSucceeding()
    {
        var clusterId = TestEntries.NewClusterId();
        using var first = await StartSiloAsync(clusterId, "silo-a");
        var secondPort = ClusterHosts.FreePort();
        using var second = await StartSiloAsync(clusterId, "silo-b", secondPort);
        using var client = await StartClientAsync(clusterId);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        await using var table = TestEntries.Table(database.ConnectionString, clusterId);

        var placement = await CallAllAsync(grains);
        Assert.Equal(2, placement.Distinct().Count());
        var secondSilo = await SiloOnPortAsync(table, secondPort);

        var stopwatch = Stopwatch.StartNew();
        await second.StopAsync();
        var stopped = stopwatch.Elapsed;

        // A silo that leaves gracefully marks itself Dead on the way out.
        Assert.Equal(SiloStatus.Dead, (await table.ReadRow(secondSilo)).Members.Single().Item1.Status);
        var recovered = await Eventually.WaitAsync(
            async () => await AllOnAsync(grains, exceptOn: secondSilo), SettleTimeout, "every grain to answer from the remaining silo");
        output.WriteLine($"graceful stop took {stopped.TotalSeconds:0.00} s; client calls all succeeded {recovered.TotalSeconds:0.00} s after it");

        await AssertCallsSucceedAsync(grains, secondSilo);
    }

    [Fact]
    public async Task Cluster_SiloProcessKilled_DeclaredDeadAndClientCallsRecover()
    {
        var clusterId = TestEntries.NewClusterId();
        using var first = await StartSiloAsync(clusterId, "silo-a");
        var secondPort = ClusterHosts.FreePort();
        using var second = await SiloProcess.StartAsync(
            database.ConnectionString, clusterId, secondPort, ClusterHosts.FreePort(), TimeSpan.FromSeconds(60));
        using var client = await StartClientAsync(clusterId);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        await using var table = TestEntries.Table(database.ConnectionString, clusterId);

        var placement = await CallAllAsync(grains);
        Assert.True(placement.Distinct().Count() == 2, "Both silos should host grains. Child silo:" + Environment.NewLine + second.Errors);
        var killedSilo = await SiloOnPortAsync(table, secondPort);

        var stopwatch = Stopwatch.StartNew();
        second.Kill();
        var declaredDead = await Eventually.WaitAsync(
            async () => (await table.ReadRow(killedSilo)).Members.Single().Item1.Status == SiloStatus.Dead,
            SettleTimeout,
            "the surviving silo to declare the killed one Dead in the table");
        var votes = (await table.ReadRow(killedSilo)).Members.Single().Item1.SuspectTimes;
        await Eventually.WaitAsync(
            async () => await AllOnAsync(grains, exceptOn: killedSilo), SettleTimeout, "every grain to answer from the surviving silo");
        var recovered = stopwatch.Elapsed;
        output.WriteLine(
            $"SIGKILL: declared Dead {declaredDead.TotalSeconds:0.00} s after the kill (votes: {votes?.Count ?? 0}); " +
            $"every client call succeeded again {recovered.TotalSeconds:0.00} s after the kill");

        await AssertCallsSucceedAsync(grains, killedSilo);
    }

    private async Task<IHost> StartSiloAsync(string clusterId, string name, int? siloPort = null)
    {
        var host = ClusterHosts.Silo(
            database.ConnectionString, clusterId, siloPort ?? ClusterHosts.FreePort(), ClusterHosts.FreePort(), new TestOutputLoggerProvider(output, name));
        await host.StartAsync();
        return host;
    }

    private async Task<IHost> StartClientAsync(string clusterId)
    {
        var host = ClusterHosts.Client(database.ConnectionString, clusterId, new TestOutputLoggerProvider(output, "client"));
        await host.StartAsync();
        return host;
    }

    private static async Task<SiloAddress> SiloOnPortAsync(PostgresMembershipTable table, int port) =>
        (await table.ReadAll()).Members.Single(m => m.Item1.SiloAddress.Endpoint.Port == port).Item1.SiloAddress;

    private static Task<string[]> CallAllAsync(IClusterClient grains) =>
        Task.WhenAll(Enumerable.Range(0, Keys).Select(key => grains.GetGrain<IPlacementProbeGrain>(key).GetSiloAsync()));

    /// <summary>True when every grain answers, none of them from the lost silo.</summary>
    private static async Task<bool> AllOnAsync(IClusterClient grains, SiloAddress exceptOn)
    {
        try
        {
            var placement = await CallAllAsync(grains);
            return placement.All(silo => silo != exceptOn.ToParsableString());
        }
        catch (Exception exception) when (exception is SiloUnavailableException or TimeoutException or OrleansException)
        {
            return false;
        }
    }

    /// <summary>Once settled, calls keep succeeding: a few more rounds, none may fail.</summary>
    private static async Task AssertCallsSucceedAsync(IClusterClient grains, SiloAddress lost)
    {
        for (var round = 0; round < 3; round++)
        {
            var placement = await CallAllAsync(grains);
            Assert.DoesNotContain(lost.ToParsableString(), placement);
        }
    }
}
