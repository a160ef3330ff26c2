using System.Globalization;
using System.Text;
using Npgsql;

namespace Workflow.Clustering.Postgres;

/// <summary>Brings the membership tables of one PostgreSQL schema up to the newest version this build knows.</summary>
internal static class MembershipSchema
{
    public const string VersionTable = "membership_schema_version";

    private const int Attempts = 3;

    /// <summary>Applies the missing migrations in one transaction and returns the version the schema is at. With
    /// <paramref name="runtimeRole"/> (run as the schema's owner), then grants that role what a silo needs
    /// (<see cref="MembershipGrants"/>), in the same transaction.</summary>
    public static async Task<int> ApplyAsync(
        NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken, string? runtimeRole = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyOnceAsync(dataSource, schema, runtimeRole, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException exception) when (attempt < Attempts && IsCreationRace(exception))
            {
                // The schema is shared with other LandFlow components (the store), whose migrations hold a lock of
                // their own: two CREATE SCHEMA IF NOT EXISTS at the same instant can still collide in the catalog.
                // The loser's transaction was rolled back whole; the next attempt finds the schema there.
            }
        }
    }

    private static bool IsCreationRace(PostgresException exception) => exception.SqlState is
        PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateSchema or PostgresErrorCodes.DuplicateTable
        or PostgresErrorCodes.DuplicateObject;

    private static async Task<int> ApplyOnceAsync(
        NpgsqlDataSource dataSource, string schema, string? runtimeRole, CancellationToken cancellationToken)
    {
        var migrations = MembershipMigrations.For(schema);
        var quoted = Quote(schema);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Silos and clients of one deployment start together: the transaction-scoped advisory lock makes
        // them take turns, so exactly one of them runs each script and the others find it recorded.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key);", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", LockKey(schema));
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // CREATE SCHEMA checks the CREATE privilege on the database even when the schema exists, so a
        // role that was handed a schema made by an administrator would fail on it: only ask when missing.
        await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @schema);", connection, transaction))
        {
            exists.Parameters.AddWithValue("schema", schema);
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                await ExecuteAsync(connection, transaction, $"CREATE SCHEMA IF NOT EXISTS {quoted};", cancellationToken).ConfigureAwait(false);
            }
        }

        // Likewise: CREATE TABLE IF NOT EXISTS checks the CREATE privilege on the schema before it looks for the table,
        // and the silos' role, finding tables its owner migrated (docs/postgres.md, "Roles"), has no such privilege.
        await using (var versioned = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL;", connection, transaction))
        {
            versioned.Parameters.AddWithValue("table", $"{quoted}.{VersionTable}");
            if (!(bool)(await versioned.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                await ExecuteAsync(connection, transaction, $"""
                    CREATE TABLE IF NOT EXISTS {quoted}.{VersionTable} (
                        version     integer     NOT NULL PRIMARY KEY,
                        description text        NOT NULL,
                        applied_at  timestamptz NOT NULL DEFAULT now()
                    );
                    """, cancellationToken).ConfigureAwait(false);
            }
        }

        int current;
        await using (var read = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {quoted}.{VersionTable};", connection, transaction))
        {
            current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        var latest = migrations[^1].Version;
        if (current > latest)
        {
            throw new InvalidOperationException(
                $"PostgreSQL schema '{schema}' holds membership schema version {current}, newer than this build knows ({latest}).");
        }

        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            await ExecuteAsync(connection, transaction, migration.Script, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand(
                $"INSERT INTO {quoted}.{VersionTable} (version, description) VALUES (@version, @description);", connection, transaction);
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("description", migration.Description);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            current = migration.Version;
        }

        if (runtimeRole is not null)
        {
            await MembershipGrants.ApplyAsync(connection, transaction, schema, runtimeRole, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return current;
    }

    /// <summary>The schema name as a quoted identifier; it was validated to hold no quote.</summary>
    public static string Quote(string schema) => "\"" + schema + "\"";

    /// <summary>A lock key stable across processes and .NET versions (string.GetHashCode is randomised per process).</summary>
    internal static long LockKey(string schema)
    {
        // 64-bit FNV-1a over the UTF-8 bytes.
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes("Workflow.Clustering.Postgres/" + schema))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return unchecked((long)hash);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
