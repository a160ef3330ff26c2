using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Workflow.Storage.Sqlite;

public static class SqliteStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="SqliteStore"/> singleton and exposes it as <see cref="IAggregateStore"/>,
    /// <see cref="IProjectIndex"/>, <see cref="IDeadlineStore"/> and <see cref="ISettingsStore"/>.
    /// It opens on first use (or call <see cref="SqliteStore.InitializeAsync"/> at startup) and the
    /// container disposes it, which writes what is queued.
    /// </summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, Action<SqliteStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<SqliteStoreOptions>().Configure(configure);
        services.TryAddSingleton(provider => new SqliteStore(provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value));

        // Forwarded, not registered again, so all four resolve to the one store and its one writer.
        services.TryAddSingleton<IAggregateStore>(provider => provider.GetRequiredService<SqliteStore>());
        services.TryAddSingleton<IProjectIndex>(provider => provider.GetRequiredService<SqliteStore>());
        services.TryAddSingleton<IDeadlineStore>(provider => provider.GetRequiredService<SqliteStore>());
        services.TryAddSingleton<ISettingsStore>(provider => provider.GetRequiredService<SqliteStore>());
        services.TryAddSingleton<IHistoryVerifier>(provider => provider.GetRequiredService<SqliteStore>());
        services.TryAddSingleton<IHistoryFeed>(provider => provider.GetRequiredService<SqliteStore>());
        services.TryAddSingleton<IReadModelDatabase>(provider =>
            new SqliteReadModelDatabase(provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value));
        return services;
    }
}
