using Npgsql;

namespace Workflow.Storage.Postgres;

/// <summary>Builds the store's one pooled <see cref="NpgsqlDataSource"/> from the configured connection string.</summary>
internal static class StoreDataSource
{
    // Enough for every statement the store runs (about a dozen shapes) plus the project queries'
    // filter combinations, so none is evicted and re-parsed.
    private const int AutoPreparedStatements = 64;

    public const string DiagnosticsName = "landflow-store";

    public static NpgsqlDataSource Create(PostgresStoreOptions options)
    {
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        var settings = builder.ConnectionStringBuilder;

        // Every statement uses unqualified names, resolved in the store's schema.
        settings.SearchPath = options.Schema;

        // The writer needs to know which statement of a batch failed, to fail only that commit.
        settings.IncludeFailedBatchedCommand = true;

        // The same few statements run millions of times: parse and plan them once per connection.
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = AutoPreparedStatements;
        }

        // So a DBA can tell LandFlow's sessions apart in pg_stat_activity.
        if (string.IsNullOrEmpty(settings.ApplicationName))
        {
            settings.ApplicationName = "LandFlow";
        }

        // The pool's name in Npgsql's traces and metrics (db.client.connection.pool.name), instead of the
        // connection string; the membership table's pools have names of their own.
        builder.Name = DiagnosticsName;
        return builder.Build();
    }
}
