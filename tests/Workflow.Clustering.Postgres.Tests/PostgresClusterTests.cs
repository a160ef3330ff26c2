using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
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
        await using var first = await StartSiloAsync(clusterId, "silo-a");
        var secondPort = ClusterHosts.FreePort();
        await using var second = await StartSiloAsync(clusterId, "silo-b", secondPort);
        await using var client = await StartClientAsync(clusterId);
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
    public Task Cluster_SiloProcessKilled_DeclaredDeadAndClientCallsRecover() =>
        LoseSiloProcessAsync("SIGKILL", silo => silo.Kill());

    [Fact]
    public Task Cluster_SiloProcessFrozen_DeclaredDeadAndClientCallsRecover() =>
        LoseSiloProcessAsync("SIGSTOP", silo => silo.Freeze());

    /// <summary>Silo A in this process, silo B in a child process that <paramref name="lose"/> takes away; A must
    /// declare B Dead in the table and the client's calls must all succeed again, on A.</summary>
    private async Task LoseSiloProcessAsync(string how, Action<SiloProcess> lose)
    {
        var clusterId = TestEntries.NewClusterId();
        var startup = Stopwatch.StartNew();

        // The child process is the slow one to start (a runtime of its own to JIT): both silos start at once.
        var secondPort = ClusterHosts.FreePort();
        var starting = SiloProcess.StartAsync(
            database.ConnectionString, clusterId, secondPort, ClusterHosts.FreePort(), TimeSpan.FromSeconds(60));
        await using var first = await StartSiloOrEndAsync(clusterId, "silo-a", starting);
        using var second = await starting;
        await using var client = await StartClientAsync(clusterId);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        await using var table = TestEntries.Table(database.ConnectionString, clusterId);

        output.WriteLine($"silo, silo process and client started in {startup.Elapsed.TotalSeconds:0.00} s");
        var placement = await CallAllAsync(grains);
        Assert.True(placement.Distinct().Count() == 2, "Both silos should host grains. Child silo:" + Environment.NewLine + second.Errors);
        var lostSilo = await SiloOnPortAsync(table, secondPort);

        var stopwatch = Stopwatch.StartNew();
        lose(second);
        var declaredDead = await Eventually.WaitAsync(
            async () => (await table.ReadRow(lostSilo)).Members.Single().Item1.Status == SiloStatus.Dead,
            SettleTimeout,
            "the surviving silo to declare the lost one Dead in the table");
        await Eventually.WaitAsync(
            async () => await AllOnAsync(grains, exceptOn: lostSilo), SettleTimeout, "every grain to answer from the surviving silo");
        var recovered = stopwatch.Elapsed;
        output.WriteLine(
            $"{how}: declared Dead {declaredDead.TotalSeconds:0.00} s after the signal; " +
            $"every client call succeeded again {recovered.TotalSeconds:0.00} s after it");

        await AssertCallsSucceedAsync(grains, lostSilo);

        // A frozen silo is still a process; end it before the hosts stop, so they do not wait on its sockets.
        second.Kill();
    }

    private Task<StartedHost> StartSiloAsync(string clusterId, string name, int? siloPort = null) =>
        StartedHost.StartAsync(ClusterHosts.Silo(
            database.ConnectionString, clusterId, siloPort ?? ClusterHosts.FreePort(), ClusterHosts.FreePort(), new TestOutputLoggerProvider(output, name)));

    /// <summary>Starts a silo while <paramref name="starting"/> starts too; should this one fail, the other is ended.</summary>
    private async Task<StartedHost> StartSiloOrEndAsync(string clusterId, string name, Task<SiloProcess> starting)
    {
        try
        {
            return await StartSiloAsync(clusterId, name);
        }
        catch
        {
            try
            {
                (await starting).Dispose();
            }
            catch (InvalidOperationException)
            {
                // It failed to start as well; the silo's failure is the one to report.
            }

            throw;
        }
    }

    private Task<StartedHost> StartClientAsync(string clusterId) =>
        StartedHost.StartAsync(ClusterHosts.Client(database.ConnectionString, clusterId, new TestOutputLoggerProvider(output, "client")));

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
