using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Workflow.Clustering.Postgres;
using Workflow.Domain;

namespace Workflow.Cluster.Tests;

/// <summary>An Orleans client of the cluster under test, beside the gateway, that asks Orleans' management grain
/// which silos are there and which project grains each one holds.</summary>
internal sealed class ClusterObserver : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterObserver(IHost host)
    {
        _host = host;
    }

    private IManagementGrain Management => _host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);

    public static async Task<ClusterObserver> ConnectAsync(string postgres, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "landflow";
            })
            .UsePostgresClustering(o => o.ConnectionString = postgres));
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterObserver(host);
    }

    /// <summary>The active silo listening on <paramref name="port"/>.</summary>
    public async Task<SiloAddress> ActiveSiloOnPortAsync(int port) =>
        (await Management.GetHosts(onlyActive: true)).Keys.Single(silo => silo.Endpoint.Port == port);

    /// <summary>The codes of the project grains activated on <paramref name="silo"/> now.</summary>
    public async Task<HashSet<string>> ProjectsOnAsync(SiloAddress silo)
    {
        var statistics = await Management.GetDetailedGrainStatistics(hostsIds: [silo]);
        return [.. statistics
            .Where(s => s.SiloAddress.Equals(silo))
            .Select(s => s.GrainId.Key.ToString() ?? "")
            .Where(key => ProjectCode.TryParse(key, out _, out _))];
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The cluster is being torn down anyway.
        }

        _host.Dispose();
    }
}
