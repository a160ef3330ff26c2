using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace Workflow.Benchmarks;

/// <summary>LandFlow in cluster mode on PostgreSQL, all built processes on this machine: <c>silos</c> silo processes
/// (store and membership in one database) and one cluster-mode gateway in front of them, with the development
/// endpoints on (tokens and the movable clock), free ports each, talking to each other over mutual TLS.</summary>
public sealed class LocalCluster : IRunningDeployment
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<LocalProcess> silos;
    private readonly LocalProcess gateway;

    private LocalCluster(IReadOnlyList<LocalProcess> silos, LocalProcess gateway, TimeSpan startup)
    {
        this.silos = silos;
        this.gateway = gateway;
        Startup = startup;
    }

    public Uri BaseAddress => gateway.BaseAddress;

    /// <summary>From starting the silos (all at once) to the gateway's first 200 of <c>/health/ready</c>.</summary>
    public TimeSpan Startup { get; }

    public static string SiloAssembly() => LocalProcess.BuiltAssembly(Path.Combine("silo", "Workflow.Silo"), "Workflow.Silo");

    /// <summary>Starts the silos together, waits for each to be ready, then starts the gateway.</summary>
    public static async Task<LocalCluster> StartAsync(string gatewayAssembly, int siloCount, string connectionString, int poolSize, string logDirectory)
    {
        Directory.CreateDirectory(logDirectory);
        // Npgsql's default pool (100 connections per process) lets one busy silo take every connection the server
        // allows (max_connections, 100 by default): each process gets a bounded pool, as a deployment sizes it.
        connectionString = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = poolSize }.ConnectionString;
        // One cluster per database: the ids only have to be the same on every process of it.
        var common = new Dictionary<string, string>
        {
            ["LandFlow:Mode"] = "cluster",
            ["LandFlow:Clustering"] = "postgres",
            ["LandFlow:Postgres:ConnectionString"] = connectionString,
            ["LandFlow:ClusterId"] = "bench",
            ["LandFlow:ServiceId"] = "landflow-bench",
            ["LandFlow:DevEndpoints"] = "true",
            ["LandFlow:Demo:Enabled"] = "false",
            ["LandFlow:DataDirectory"] = logDirectory,
        };
        foreach (var (key, value) in ClusterCertificateFiles.Create(Path.Combine(logDirectory, "tls")))
        {
            common[key] = value;
        }

        var started = Stopwatch.GetTimestamp();
        var starting = Enumerable.Range(0, siloCount).Select(i => LocalProcess.StartAsync(SiloAssembly(), new Dictionary<string, string>(common)
        {
            ["LandFlow:Storage"] = "postgres",
            ["LandFlow:SiloPort"] = HttpLoad.FreePort().ToString(CultureInfo.InvariantCulture),
            ["LandFlow:GatewayPort"] = HttpLoad.FreePort().ToString(CultureInfo.InvariantCulture),
        }, Path.Combine(logDirectory, $"silo-{i}.log"))).ToList();
        var silos = new List<LocalProcess>();
        try
        {
            foreach (var silo in starting)
            {
                silos.Add(await silo);
            }

            var gateway = await LocalProcess.StartAsync(gatewayAssembly, new Dictionary<string, string>(common)
            {
                ["LandFlow:Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            }.WithBenchmarkGatewaySettings(), Path.Combine(logDirectory, "gateway.log"));
            return new LocalCluster(silos, gateway, Stopwatch.GetElapsedTime(started));
        }
        catch
        {
            foreach (var silo in starting.Where(s => s.IsCompletedSuccessfully))
            {
                await silo.Result.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>The silos hold the grains; the gateway only forwards.</summary>
    public long GrainHostResidentBytes() => silos.Sum(silo => silo.ResidentBytes());

    public IReadOnlyList<int> SiloProcessIds => [.. silos.Select(silo => silo.ProcessId)];

    public int? GatewayProcessId => gateway.ProcessId;

    public async Task<bool> CollectGarbageAsync()
    {
        var collected = await Task.WhenAll(silos.Select(silo => silo.CollectGarbageAsync()));
        return collected.All(c => c);
    }

    /// <summary>As <see cref="DisposeAsync"/>, with the silos' stop timed: seconds from their SIGTERM until the last one
    /// exited, and whether every one exited on its own within <paramref name="grace"/> (SIGKILL ends the rest). The
    /// cluster is gone afterwards; do not dispose it again.</summary>
    public async Task<(double Seconds, bool OnTheirOwn)> StopTimedAsync(TimeSpan grace)
    {
        await gateway.StopAsync(StopGrace);
        var started = Stopwatch.GetTimestamp();
        var stopped = await Task.WhenAll(silos.Select(silo => silo.StopAsync(grace)));
        return (Stopwatch.GetElapsedTime(started).TotalSeconds, stopped.All(onItsOwn => onItsOwn));
    }

    /// <summary>The gateway first, then every silo at once, each with SIGTERM (the silos leave the membership table
    /// as Dead, so a cluster started again on the same database does not wait to declare them dead).</summary>
    public async ValueTask DisposeAsync()
    {
        await gateway.StopAsync(StopGrace);
        await Task.WhenAll(silos.Select(silo => silo.StopAsync(StopGrace)));
    }
}
