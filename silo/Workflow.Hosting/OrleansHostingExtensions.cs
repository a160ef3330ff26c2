using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Providers;
using Orleans.Serialization.Configuration;
using System.Net;
using Workflow.Clustering.Postgres;
using Workflow.Grains;
using Workflow.Storage;
using Workflow.Storage.Postgres;
using Workflow.Storage.Sqlite;

namespace Workflow.Hosting;

public static class OrleansHostingExtensions
{
    /// <summary>Embedded mode: co-hosts a silo on SQLite in this process. Cluster mode: an Orleans
    /// client of the silos named by configuration. The endpoints are the same either way.</summary>
    public static IHostApplicationBuilder AddLandFlowOrleans(this IHostApplicationBuilder builder)
    {
        var options = builder.GetLandFlowOptions();
        if (options.IsEmbedded)
        {
            builder.AddLandFlowSilo();
        }
        else
        {
            builder.Services.AddHealthChecks().AddCheck<GrainReadinessCheck>("grains", tags: [ServiceDefaults.ReadyTag]);
            if (options.DevEndpointsEnabled)
            {
                builder.Services.AddSingleton<IDevClockControl, ClusterDevClockControl>();
                AllowDevClockCommands(builder.Services);
            }

            builder.UseOrleansClient(client =>
            {
                if (TelemetrySettings.TracesEnabled(builder.Configuration))
                {
                    client.AddActivityPropagation();
                }

                if (options.Dashboard.Enabled)
                {
                    // The gateway serves the dashboard's pages; its data comes from the silos' dashboard grains.
                    client.AddDashboard();
                }

                if (options.UsesPostgresClustering)
                {
                    client.UsePostgresClustering(o => o.ConnectionString = options.RequirePostgresConnectionString());
                }
                else
                {
                    client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
                }

                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = options.ClusterId;
                    o.ServiceId = options.ServiceId;
                });
                client.UseLandFlowTls(options);
                client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ClusterClientTimings.ResponseTimeout);
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = ClusterClientTimings.GatewayListRefreshPeriod);
            });
        }

        return builder;
    }

    /// <summary>A silo with LandFlow's grains, its embedded store and its deadline scheduler.</summary>
    public static IHostApplicationBuilder AddLandFlowSilo(this IHostApplicationBuilder builder)
    {
        var options = builder.GetLandFlowOptions();
        if (options.UsesPostgresStorage)
        {
            builder.Services.AddPostgresStore(o => o.ConnectionString = options.RequirePostgresConnectionString());
        }
        else
        {
            var dataDirectory = options.ResolveDataDirectory();
            builder.Services.AddSqliteStore(o => o.DataDirectory = dataDirectory);
        }

        builder.Services.AddSingleton(sp =>
        {
            var clock = new AdjustableClock(TimeProvider.System);
            if (options.DevEndpointsEnabled)
            {
                // Once, at start: the saved offset must be in force before any grain reads the time.
                DevClockControl.RestoreAsync(clock, sp.GetRequiredService<ISettingsStore>()).GetAwaiter().GetResult();
            }

            return clock;
        });
        builder.Services.AddKeyedSingleton<TimeProvider>(WorkflowClock.Key, (sp, _) => sp.GetRequiredService<AdjustableClock>());
        builder.Services.AddSingleton<DevClockControl>();
        builder.Services.AddSingleton<IDevClockControl>(sp => sp.GetRequiredService<DevClockControl>());
        if (options.DevEndpointsEnabled)
        {
            // Cluster-mode gateways move every silo's clock through this (ClusterDevClockControl).
            builder.Services.AddKeyedSingleton<IControllable, SiloDevClock>(SiloDevClock.ProviderName);
            AllowDevClockCommands(builder.Services);
        }

        builder.Services.AddLandFlowGrains(builder.Configuration);
        builder.Services.AddDemoData(builder.Configuration);
        builder.Services.AddHealthChecks().AddCheck<GrainReadinessCheck>("grains", tags: [ServiceDefaults.ReadyTag]);
        builder.UseOrleans(silo =>
        {
            if (options.UsesPostgresClustering)
            {
                silo.UsePostgresClustering(o => o.ConnectionString = options.RequirePostgresConnectionString());
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = options.ClusterId;
                    o.ServiceId = options.ServiceId;
                });

                // Under Kubernetes the pod's own address (POD_IP) is what other silos reach.
                var advertised = IPAddress.TryParse(builder.Configuration["POD_IP"], out var podIp) ? podIp : IPAddress.Loopback;
                silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);

                // A dead silo is declared in seconds, not the default quarter-minute (docs/clustering.md). Only
                // here: a loopback-clustered silo is alone and probes nobody.
                silo.Configure<ClusterMembershipOptions>(options.Membership.ApplyTo);
            }
            else
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            }

            silo.UseLandFlowTls(options);
            if (TelemetrySettings.TracesEnabled(builder.Configuration))
            {
                // Trace context rides in every grain call's request context: only when traces are recorded.
                silo.AddActivityPropagation();
            }

            if (options.Dashboard.Enabled)
            {
                // Its grains, and a filter timing every grain call for the dashboard's method statistics.
                silo.AddDashboard();
            }
        });
        return builder;
    }

    // The control command names its provider type as a generic argument of the call; Orleans refuses to carry
    // a type it was not told about.
    private static void AllowDevClockCommands(IServiceCollection services) =>
        services.Configure<TypeManifestOptions>(o => o.AddAllowedType(typeof(SiloDevClock)));

    public static LandFlowOptions GetLandFlowOptions(this IHostApplicationBuilder builder) =>
        builder.Configuration.GetSection(LandFlowOptions.SectionName).Get<LandFlowOptions>() ?? new LandFlowOptions();
}
