using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Workflow.Storage.Sqlite;

/// <summary>Brings a database up to <see cref="SchemaMigrations.LatestVersion"/>; a no-op when it is there already.</summary>
internal static class SchemaMigrator
{
    public static int Apply(SqliteConnection connection, IReadOnlyList<SchemaMigration> migrations, Action<string>? progress = null)
    {
        // IMMEDIATE takes the write lock up front, so two processes opening a new file at once
        // cannot both decide to run the same script.
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version     INTEGER NOT NULL PRIMARY KEY,
                description TEXT    NOT NULL
            );
            """);

        var current = Convert.ToInt32(
            Scalar(connection, transaction, "SELECT coalesce(max(version), 0) FROM schema_version;"),
            CultureInfo.InvariantCulture);
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        if (current > latest)
        {
            throw new InvalidOperationException(
                $"Database '{connection.DataSource}' is at schema version {current}, newer than this build knows ({latest}).");
        }

        foreach (var migration in migrations.Where(m => m.Version > current).OrderBy(m => m.Version))
        {
            Execute(connection, transaction, migration.Script);
            migration.Backfill?.Invoke(connection, transaction, progress);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, description) VALUES ($version, $description);";
            record.Parameters.AddWithValue("$version", migration.Version);
            record.Parameters.AddWithValue("$description", migration.Description);
            record.ExecuteNonQuery();
            current = migration.Version;
        }

        transaction.Commit();
        return current;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
