using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Workflow.Clustering.Postgres.Tests;

/// <summary>Silo and client hosts on loopback, clustered through PostgreSQL, as LandFlow will run them.</summary>
internal static class ClusterHosts
{
    public const string ServiceId = "landflow-membership-tests";

    /// <summary>The failure-detection settings under test: a silo that stops answering is suspected after two
    /// missed probes of one second each.</summary>
    public static void ConfigureFastMembership(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;
    }

    public static IHost Silo(string connectionString, string clusterId, int siloPort, int gatewayPort, ILoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder();
        ConfigureLogging(builder.Logging, logs);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            silo.Configure<ClusterMembershipOptions>(ConfigureFastMembership);
            silo.UsePostgresClustering(o => o.ConnectionString = connectionString);
        });
        return builder.Build();
    }

    public static IHost Client(string connectionString, string clusterId, ILoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder();
        ConfigureLogging(builder.Logging, logs);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = ServiceId;
            });
            client.UsePostgresClustering(o => o.ConnectionString = connectionString);

            // The client re-reads the gateway list every second and gives up on an unanswered call after five,
            // so a lost silo costs the test seconds rather than Orleans' production defaults (1 min, 30 s).
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        });
        return builder.Build();
    }

    /// <summary>A port nothing listens on now; the silo binds it a moment later.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void ConfigureLogging(ILoggingBuilder logging, ILoggerProvider? logs)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Warning);
        if (logs is not null)
        {
            logging.Services.AddSingleton(logs);
        }
    }
}
