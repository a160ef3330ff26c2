using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.Messaging;

namespace Workflow.Clustering.Postgres;

/// <summary>Makes PostgreSQL the membership store of a silo, or the gateway list of a client.</summary>
public static class PostgresClusteringExtensions
{
    /// <summary>Silos keep the membership table (and run its migration) in PostgreSQL.</summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder builder, Action<PostgresClusteringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddOptions(builder.Services, configure);
        builder.Services.AddSingleton<PostgresMembershipTable>();
        builder.Services.AddSingleton<IMembershipTable>(sp => sp.GetRequiredService<PostgresMembershipTable>());
        return builder;
    }

    /// <summary>Clients find the gateways of the cluster in the silos' membership table.</summary>
    public static IClientBuilder UsePostgresClustering(this IClientBuilder builder, Action<PostgresClusteringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddOptions(builder.Services, configure);
        builder.Services.AddSingleton<PostgresGatewayListProvider>();
        builder.Services.AddSingleton<IGatewayListProvider>(sp => sp.GetRequiredService<PostgresGatewayListProvider>());
        return builder;
    }

    private static void AddOptions(IServiceCollection services, Action<PostgresClusteringOptions> configure)
    {
        services.Configure(configure);
        services.AddSingleton<IConfigurationValidator, PostgresClusteringOptionsValidator>();
    }
}
