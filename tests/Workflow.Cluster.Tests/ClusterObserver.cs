using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Workflow.Clustering.Postgres;
using Workflow.Domain;

namespace Workflow.Cluster.Tests;

/// <summary>An Orleans client of the cluster under test, beside the gateway, that asks Orleans' management grain
/// which silos are there and which project grains each one holds. The silos admit only clients with a certificate
/// of the run directory's authority (scripts/cluster-up makes them in tls/), so it presents that one.</summary>
internal sealed class ClusterObserver : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterObserver(IHost host)
    {
        _host = host;
    }

    private IManagementGrain Management => _host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);

    public static async Task<ClusterObserver> ConnectAsync(string postgres, string clusterId, string runDirectory)
    {
        var tls = Path.Combine(runDirectory, "tls");
        var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(tls, "tls.crt"), Path.Combine(tls, "tls.key"));
        var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(tls, "ca.crt"));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "landflow";
            })
            .UsePostgresClustering(o => o.ConnectionString = postgres)
            .UseTls(certificate, options => options.RemoteCertificateValidation = (silo, _, _) => IssuedBy(authority, silo)));
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterObserver(host);
    }

    private static bool IssuedBy(X509Certificate2 authority, X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
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

    /// <summary>The silo the projection grain named <paramref name="projection"/> is activated on now, if any.</summary>
    public async Task<SiloAddress?> ProjectionSiloAsync(string projection)
    {
        var statistics = await Management.GetDetailedGrainStatistics();
        return statistics
            .Where(s => s.GrainType.Contains("ProjectionGrain", StringComparison.Ordinal) && s.GrainId.Key.ToString() == projection)
            .Select(s => s.SiloAddress)
            .FirstOrDefault();
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
