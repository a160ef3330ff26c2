using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Workflow.Clustering.Postgres.Tests;

/// <summary>
/// Two silos and a client clustered through PostgreSQL: the client reaches grains on both silos, one silo goes
/// away (stopped, killed or frozen), and the client's calls all succeed again once membership has settled.
/// </summary>
public sealed class PostgresClusterTests(PostgresTestDatabase database, ITestOutputHelper output) : IClassFixture<PostgresTestDatabase>
{
    private const int KeysPerRound = 32;
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(45);
    private int _nextKey;
    private int[] _keys = [];

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
        await SpreadOverBothSilosAsync(grains, "");
        var secondSilo = await SiloOnPortAsync(table, secondPort);

        var stopwatch = Stopwatch.StartNew();
        await second.StopAsync();
        var stopped = stopwatch.Elapsed;

        // A silo that leaves gracefully marks itself Dead on the way out.
        Assert.Equal(SiloStatus.Dead, (await table.ReadRow(secondSilo)).Members.Single().Item1.Status);
        var recovered = await Eventually.WaitAsync(
            () => AllAnswerAsync(grains, exceptFrom: secondSilo), SettleTimeout, "every grain to answer from the remaining silo");
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
        await SpreadOverBothSilosAsync(grains, second.Errors);
        var lostSilo = await SiloOnPortAsync(table, secondPort);

        var stopwatch = Stopwatch.StartNew();
        lose(second);
        var declaredDead = await Eventually.WaitAsync(
            async () => (await table.ReadRow(lostSilo)).Members.Single().Item1.Status == SiloStatus.Dead,
            SettleTimeout,
            "the surviving silo to declare the lost one Dead in the table");
        await Eventually.WaitAsync(
            () => AllAnswerAsync(grains, exceptFrom: lostSilo), SettleTimeout, "every grain to answer from the surviving silo");
        var recovered = stopwatch.Elapsed;
        output.WriteLine(
            $"{how}: declared Dead {declaredDead.TotalSeconds:0.00} s after the signal; " +
            $"every client call succeeded again {recovered.TotalSeconds:0.00} s after it");

        await AssertCallsSucceedAsync(grains, lostSilo);

        // A frozen silo is still a process; end it before the hosts stop, so they do not wait on its sockets.
        second.Kill();
    }

    /// <summary>
    /// Calls fresh grains until one round of them lives on both silos, and keeps those keys for the rest of the
    /// test. A silo places grains only on silos it knows to be Active and to host the grain type, which it
    /// learns shortly after they join: the first round may still land on one silo only.
    /// </summary>
    private async Task SpreadOverBothSilosAsync(IClusterClient grains, string childErrors)
    {
        try
        {
            await Eventually.WaitAsync(
                async () =>
                {
                    _keys = Enumerable.Range(_nextKey, KeysPerRound).ToArray();
                    _nextKey += KeysPerRound;
                    return (await CallAllAsync(grains)).Distinct().Count() == 2;
                },
                SettleTimeout,
                "the client's grains to be placed on both silos");
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException(exception.Message + " Child silo:" + Environment.NewLine + childErrors, exception);
        }
    }

    private async Task<StartedHost> StartSiloAsync(string clusterId, string name, int? siloPort = null) =>
        await StartedHost.StartAsync(ClusterHosts.Silo(
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

    private async Task<StartedHost> StartClientAsync(string clusterId) =>
        await StartedHost.StartAsync(ClusterHosts.Client(database.ConnectionString, clusterId, new TestOutputLoggerProvider(output, "client")));

    private static async Task<SiloAddress> SiloOnPortAsync(PostgresMembershipTable table, int port) =>
        (await table.ReadAll()).Members.Single(m => m.Item1.SiloAddress.Endpoint.Port == port).Item1.SiloAddress;

    private Task<string[]> CallAllAsync(IClusterClient grains) =>
        Task.WhenAll(_keys.Select(key => grains.GetGrain<IPlacementProbeGrain>(key).GetSiloAsync()));

    /// <summary>True when every grain answers, none of them from the lost silo. While membership settles calls
    /// fail in many ways (unavailable silo, timeout, rejected message); each is a "not yet", shown in the output.</summary>
    private async Task<bool> AllAnswerAsync(IClusterClient grains, SiloAddress exceptFrom)
    {
        try
        {
            var placement = await CallAllAsync(grains);
            return placement.All(silo => silo != exceptFrom.ToParsableString());
        }
        catch (Exception exception)
        {
            output.WriteLine($"not yet: {exception.GetType().Name}: {exception.Message}");
            return false;
        }
    }

    /// <summary>Once settled, calls keep succeeding: a few more rounds, none may fail.</summary>
    private async Task AssertCallsSucceedAsync(IClusterClient grains, SiloAddress lost)
    {
        for (var round = 0; round < 3; round++)
        {
            var placement = await CallAllAsync(grains);
            Assert.DoesNotContain(lost.ToParsableString(), placement);
        }
    }
}
