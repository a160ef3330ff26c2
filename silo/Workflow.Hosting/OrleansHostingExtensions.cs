using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Providers;
using Orleans.Serialization.Configuration;
using System.Net;
using Workflow.Clustering.Postgres;
using Workflow.Grains;
using Workflow.ClusterSecurity;
using Workflow.ServiceDefaults;
using Workflow.Storage;
using Workflow.Storage.Postgres;
using Workflow.Storage.Sqlite;

namespace Workflow.Hosting;

/// <summary>The silo side of a LandFlow process: its store, its clustering, its clock and LandFlow's grains.</summary>
public static class OrleansHostingExtensions
{
    /// <summary>The store the settings name: PostgreSQL, or SQLite in the data directory (embedded defaults).</summary>
    public static IServiceCollection AddLandFlowStore(this IServiceCollection services, LandFlowOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var migrationConnectionString = configuration[LandFlowSettings.PostgresMigrationConnectionString] is { Length: > 0 } owner
            && !string.IsNullOrWhiteSpace(owner) ? owner : null;
        if (options.UsesPostgresStorage)
        {
            services.AddPostgresStore(o =>
            {
                o.ConnectionString = options.RequirePostgresConnectionString();
                o.MigrationConnectionString = migrationConnectionString;
            });
        }
        else
        {
            var dataDirectory = options.ResolveDataDirectory();
            services.AddSqliteStore(o => o.DataDirectory = dataDirectory);

            // A long migration (the move of every stream's state to its snapshot) says how far it has come.
            services.AddOptions<SqliteStoreOptions>().Configure<ILoggerFactory>((o, logs) =>
            {
                var log = logs.CreateLogger("Workflow.Storage.Sqlite.Migrations");
                o.MigrationProgress = message => log.LogInformation("{Progress}", message);
            });
        }

        return services;
    }

    /// <summary>A silo with LandFlow's grains, its store and its deadline scheduler. <paramref name="devClock"/>: the
    /// platform clock may be moved forward by the development routes (of this process, or of a development gateway
    /// through <see cref="SiloDevClock"/>); its saved offset is restored at start.</summary>
    public static IHostApplicationBuilder AddLandFlowSilo(this IHostApplicationBuilder builder, bool devClock)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.GetLandFlowOptions();
        var migrationConnectionString = builder.Configuration[LandFlowSettings.PostgresMigrationConnectionString] is { Length: > 0 } owner
            && !string.IsNullOrWhiteSpace(owner) ? owner : null;
        builder.Services.AddLandFlowStore(options, builder.Configuration);

        if (options.UsesPostgresStorage || options.UsesPostgresClustering)
        {
            AddPostgresTelemetry(builder);
        }

        builder.Services.AddSingleton(sp =>
        {
            var clock = new AdjustableClock(TimeProvider.System);
            if (devClock)
            {
                // Once, at start: the saved offset must be in force before any grain reads the time.
                DevClockControl.RestoreAsync(clock, sp.GetRequiredService<ISettingsStore>()).GetAwaiter().GetResult();
            }

            return clock;
        });
        builder.Services.AddKeyedSingleton<TimeProvider>(WorkflowClock.Key, (sp, _) => sp.GetRequiredService<AdjustableClock>());
        builder.Services.AddSingleton<DevClockControl>();
        if (devClock)
        {
            builder.Services.AddSingleton<IDevClockControl>(sp => sp.GetRequiredService<DevClockControl>());
            // Development gateways of a cluster move every silo's clock through this.
            builder.Services.AddKeyedSingleton<IControllable, SiloDevClock>(SiloDevClock.ProviderName);
            AllowDevClockCommands(builder.Services);
        }

        builder.Services.AddLandFlowGrains(builder.Configuration);
        builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: [ServiceDefaultsExtensions.ReadyTag]);
        var membership = builder.Configuration.GetSection(MembershipSettings.SectionName).Get<MembershipSettings>() ?? new MembershipSettings();
        builder.UseOrleans(silo =>
        {
            if (options.UsesPostgresClustering)
            {
                silo.UsePostgresClustering(o =>
                {
                    o.ConnectionString = options.RequirePostgresConnectionString();
                    o.MigrationConnectionString = migrationConnectionString;
                });
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
                silo.Configure<ClusterMembershipOptions>(membership.ApplyTo);
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

    /// <summary>A development gateway's Orleans client finds the silos in the PostgreSQL membership table, as they
    /// find each other, or as the one silo on loopback (the cluster gateway reads a list of addresses instead, and
    /// has no database driver).</summary>
    public static IClientBuilder UseLandFlowDevelopmentGatewayList(this IClientBuilder client, LandFlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        return options.UsesPostgresClustering
            ? client.UsePostgresClustering(o => o.ConnectionString = options.RequirePostgresConnectionString())
            : client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
    }

    /// <summary>The connection string the store and the membership table open their pools with: the configured one,
    /// with <see cref="PostgresSettings.MaxPoolSize"/> unless it sets <c>Maximum Pool Size</c> itself.</summary>
    public static string RequirePostgresConnectionString(this LandFlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.Postgres.ConnectionString)
            ? throw new InvalidOperationException("LandFlow:Postgres:ConnectionString is required when LandFlow:Storage or LandFlow:Clustering is 'postgres'.")
            : PostgresPoolSize.Apply(options.Postgres.ConnectionString, options.Postgres.MaxPoolSize);
    }

    private static void AddPostgresTelemetry(IHostApplicationBuilder builder)
    {
        // Npgsql's meter: command durations and the connection pools, named by each data source's Name.
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddNpgsqlInstrumentation());
        if (TelemetrySettings.TracesEnabled(builder.Configuration))
        {
            // A span per PostgreSQL command or batch, from every NpgsqlDataSource of the process (the store's and the
            // membership table's), as a child of the grain call or request that ran it.
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddNpgsql());
        }
    }

    // The control command names its provider type as a generic argument of the call; Orleans refuses to carry
    // a type it was not told about.
    public static void AllowDevClockCommands(IServiceCollection services) =>
        services.Configure<TypeManifestOptions>(o => o.AddAllowedType(typeof(SiloDevClock)));
}
