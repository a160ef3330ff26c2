using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Workflow.Storage.Postgres;

public static class PostgresStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="PostgresStore"/> singleton and exposes it as <see cref="IAggregateStore"/>,
    /// <see cref="IProjectIndex"/>, <see cref="IDeadlineStore"/> and <see cref="ISettingsStore"/>.
    /// It migrates and opens on first use (or call <see cref="PostgresStore.InitializeAsync"/> at
    /// startup) and the container disposes it, which writes what is queued.
    /// </summary>
    public static IServiceCollection AddPostgresStore(this IServiceCollection services, Action<PostgresStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<PostgresStoreOptions>().Configure(configure);
        services.TryAddSingleton(provider => new PostgresStore(provider.GetRequiredService<IOptions<PostgresStoreOptions>>().Value));

        // Forwarded, not registered again, so all four resolve to the one store and its one writer.
        services.TryAddSingleton<IAggregateStore>(provider => provider.GetRequiredService<PostgresStore>());
        services.TryAddSingleton<IProjectIndex>(provider => provider.GetRequiredService<PostgresStore>());
        services.TryAddSingleton<IDeadlineStore>(provider => provider.GetRequiredService<PostgresStore>());
        services.TryAddSingleton<ISettingsStore>(provider => provider.GetRequiredService<PostgresStore>());
        services.TryAddSingleton<IHistoryVerifier>(provider => provider.GetRequiredService<PostgresStore>());
        services.TryAddSingleton<IHistoryFeed>(provider => provider.GetRequiredService<PostgresStore>());
        services.TryAddSingleton<IReadModelDatabase>(provider => provider.GetRequiredService<PostgresStore>());
        return services;
    }
}
