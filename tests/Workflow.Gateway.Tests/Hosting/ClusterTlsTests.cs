using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Workflow.Clustering.Postgres;
using Workflow.Hosting;
using Xunit.Abstractions;

namespace Workflow.Gateway.Tests;

/// <summary>
/// Two silos on PostgreSQL membership with mutual TLS (docs/clustering.md, "TLS"): an Orleans client with a
/// certificate of the deployment's authority calls grains on both, one without a certificate or with another
/// authority's cannot call any, and a cluster silo or gateway without TLS settings does not start.
/// </summary>
public sealed class ClusterTlsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Cluster_TwoSilosWithTls_OnlyClientsWithTheAuthoritysCertificateCallGrains()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cluster = new Dictionary<string, string?>
        {
            [LandFlowSettings.Storage] = LandFlowStorage.Postgres,
            [LandFlowSettings.Clustering] = LandFlowClustering.Postgres,
            [LandFlowSettings.PostgresConnectionString] = database.ConnectionString,
            [LandFlowSettings.PostgresMaxPoolSize] = "8",
            [LandFlowSettings.ClusterId] = "tls-" + Guid.NewGuid().ToString("N")[..8],
        };
        var starting = new[] { TestSilo.StartAsync(cluster), TestSilo.StartAsync(cluster) };
        var intruder = TestCertificates.Create("intruder");
        try
        {
            await Task.WhenAll(starting);

            // The deployment's certificate, through LandFlow's own client set-up: both silos answer, which needs the
            // silo-to-silo connection too (the management grain asks the other silo for its statistics).
            await using (var member = await StartClientAsync(cluster, client => client.UseLandFlowTls(Options(cluster, TestCertificates.Cluster.Settings()))))
            {
                var management = member.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
                var hosts = await WaitForAsync(
                    async () => await management.GetHosts(onlyActive: true) is { Count: 2 } active ? active.Keys.ToArray() : null,
                    "both silos to be active");
                var statistics = await management.GetRuntimeStatistics(hosts);
                Assert.Equal(2, statistics.Length);
            }

            // No certificate at all: a plain Orleans client of the same cluster.
            var plain = await CallFailsAsync(cluster, _ => { });
            // A certificate of another authority, from a client that would accept any silo: the silo refuses it.
            using var foreign = X509CertificateFrom(intruder);
            var other = await CallFailsAsync(cluster, client => client.UseTls(foreign, tls => tls.AllowAnyRemoteCertificate()));
            Assert.Contains("Unable to connect to any of the 2 available gateways", plain.Message, StringComparison.Ordinal);
            Assert.Contains("Unable to connect to any of the 2 available gateways", other.Message, StringComparison.Ordinal);

            // And the real gateway, in cluster mode with the certificate: its readiness is a LandFlow grain call.
            var gatewaySettings = new Dictionary<string, string?>(cluster)
            {
                [LandFlowSettings.Mode] = LandFlowModes.Cluster,
                [LandFlowSettings.AuthSigningKey] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            };
            foreach (var (key, value) in TestCertificates.Cluster.Settings())
            {
                gatewaySettings[key] = value;
            }

            gatewaySettings.Remove(LandFlowSettings.Storage);
            await using var gateway = await GatewayFixture.StartAsync(gatewaySettings);
            using var ready = await gateway.AnonymousClient.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
        finally
        {
            foreach (var silo in starting.Where(s => s.IsCompletedSuccessfully))
            {
                await (await silo).DisposeAsync();
            }

            Directory.Delete(intruder.Directory, recursive: true);
        }
    }

    [Fact]
    public async Task Start_ClusterSiloWithoutTlsSettings_FailsWithClearMessage()
    {
        var none = new Dictionary<string, string?>
        {
            [LandFlowSettings.TlsCertificatePath] = "",
            [LandFlowSettings.TlsKeyPath] = "",
            [LandFlowSettings.TlsCaPath] = "",
        };

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => TestSilo.StartAsync(none));

        Assert.Contains("A cluster silo talks to silos over mutual TLS: set LandFlow:Tls:CertificatePath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ClusterGatewayWithoutTlsSettings_FailsWithClearMessage()
    {
        var settings = new Dictionary<string, string?>
        {
            [LandFlowSettings.Mode] = LandFlowModes.Cluster,
            [LandFlowSettings.AuthSigningKey] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayFixture.StartAsync(settings));

        Assert.Contains("A cluster gateway talks to silos over mutual TLS", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_CertificateOfAnotherAuthority_FailsWithClearMessage()
    {
        var other = TestCertificates.Create("other");
        try
        {
            var mismatched = new Dictionary<string, string?> { [LandFlowSettings.TlsCaPath] = other.CaPath };

            var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => TestSilo.StartAsync(mismatched));

            Assert.Contains("is not signed by a certificate authority in LandFlow:Tls:CaPath", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(other.Directory, recursive: true);
        }
    }

    [Fact]
    public async Task Start_ClusterSiloWithTlsOptedOut_Starts()
    {
        var optedOut = new Dictionary<string, string?>
        {
            [LandFlowSettings.TlsCertificatePath] = "",
            [LandFlowSettings.TlsKeyPath] = "",
            [LandFlowSettings.TlsCaPath] = "",
            [LandFlowSettings.TlsRequired] = "false",
        };

        await using var silo = await TestSilo.StartAsync(optedOut);

        Assert.NotNull(silo.Services.GetRequiredService<IGrainFactory>());
    }

    /// <summary>Starts a client of the cluster that gives up on the first failed connection (Orleans' client would
    /// otherwise keep retrying) and calls the management grain; returns what stopped it, and fails if the call
    /// succeeded or merely ran out of time.</summary>
    private async Task<Exception> CallFailsAsync(Dictionary<string, string?> cluster, Action<IClientBuilder> security)
    {
        var stopwatch = Stopwatch.StartNew();
        var error = await Record.ExceptionAsync(async () =>
        {
            await using var client = await StartClientAsync(cluster, builder =>
            {
                builder.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
                security(builder);
            });
            await client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        });
        output.WriteLine($"refused after {stopwatch.Elapsed.TotalSeconds:0.0} s: {error?.Message}");
        Assert.NotNull(error);
        Assert.False(error is TimeoutException, $"the client only ran out of time: {error}");
        // Both silos are up and listed (the client with the certificate reached them): the handshake refused it.
        return Assert.IsType<Orleans.Runtime.Messaging.ConnectionFailedException>(error);
    }

    private static async Task<StartedClient> StartClientAsync(Dictionary<string, string?> cluster, Action<IClientBuilder> security)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster[LandFlowSettings.ClusterId]!;
                o.ServiceId = new LandFlowOptions().ServiceId;
            });
            client.UsePostgresClustering(o => o.ConnectionString = cluster[LandFlowSettings.PostgresConnectionString]!);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
            security(client);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync().WaitAsync(Patience);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new StartedClient(host);
    }

    private static LandFlowOptions Options(Dictionary<string, string?> cluster, Dictionary<string, string?> tls)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(cluster).AddInMemoryCollection(tls).Build();
        return configuration.GetSection(LandFlowOptions.SectionName).Get<LandFlowOptions>() ?? new LandFlowOptions();
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 X509CertificateFrom(TestCertificates certificates) =>
        System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(certificates.CertificatePath, certificates.KeyPath);

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var deadline = Stopwatch.StartNew();
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (deadline.Elapsed > Patience)
            {
                throw new TimeoutException($"Waited {Patience.TotalSeconds:0} s for {what}.");
            }

            await ticks.WaitForNextTickAsync();
        }
    }

    private sealed class StartedClient(IHost host) : IAsyncDisposable
    {
        public IServiceProvider Services => host.Services;

        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(Patience);
            await host.StopAsync(timeout.Token);
            host.Dispose();
        }
    }
}
