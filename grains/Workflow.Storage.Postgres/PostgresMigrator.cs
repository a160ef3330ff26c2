using Npgsql;

namespace Workflow.Storage.Postgres;

/// <summary>
/// Brings a schema up to the latest version this build ships. <see cref="PostgresStore"/> runs it
/// when it opens; it can also be run on its own, for example from a deployment step, before any
/// silo starts. Safe to run from several processes at once: one applies, the others wait and
/// then find nothing to do.
/// </summary>
public static class PostgresMigrator
{
    /// <summary>Version of the newest migration embedded in this build.</summary>
    public static int LatestVersion => SchemaMigrations.LatestVersion;

    /// <summary>
    /// Creates <paramref name="schema"/> if needed and applies the migrations it has not run yet,
    /// all in one transaction. Returns the schema's version afterwards. Throws
    /// <see cref="InvalidOperationException"/>, changing nothing, when the schema was migrated by a
    /// newer build than this one.
    /// </summary>
    public static async Task<int> ApplyAsync(
        string connectionString, string schema = PostgresStoreOptions.DefaultSchema, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        SchemaName.Validate(schema, nameof(schema));
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await ApplyAsync(dataSource, schema, SchemaMigrations.All, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// As <see cref="ApplyAsync(string, string, CancellationToken)"/>, run as the schema's owner, and then gives
    /// <paramref name="runtimeRole"/> (the role the silos connect as) what the store needs and no more: it may read
    /// and append history (events, archived records) but not UPDATE, DELETE or TRUNCATE it, and read and write the
    /// other tables. Idempotent; nothing is granted when the role is the owner itself.
    /// </summary>
    public static async Task<int> ApplyAsync(
        string connectionString, string schema, string runtimeRole, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeRole);
        SchemaName.Validate(schema, nameof(schema));
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await ApplyAsync(dataSource, schema, SchemaMigrations.All, cancellationToken, runtimeRole).ConfigureAwait(false);
    }

    internal static async Task<int> ApplyAsync(
        NpgsqlDataSource dataSource, string schema, IReadOnlyList<SchemaMigration> migrations, CancellationToken cancellationToken,
        string? runtimeRole = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Held until commit or rollback. Silos starting together queue here, so exactly one of them
        // creates the schema and runs each script; the rest then see the recorded versions.
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock($1);", cancellationToken, SchemaName.MigrationLockKey(schema))
            .ConfigureAwait(false);

        // Checked before creating: CREATE SCHEMA IF NOT EXISTS still needs the CREATE privilege on
        // the database, which a role given a ready-made schema by its DBA need not have.
        var exists = await ScalarAsync<bool>(
            connection, "SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = $1);", cancellationToken, schema).ConfigureAwait(false);
        if (!exists)
        {
            await ExecuteAsync(connection, $"CREATE SCHEMA {SchemaName.Quote(schema)};", cancellationToken).ConfigureAwait(false);
        }

        // Scripts use unqualified names; LOCAL ends with the transaction, so pooled connections keep theirs.
        await ExecuteAsync(connection, $"SET LOCAL search_path TO {SchemaName.Quote(schema)};", cancellationToken).ConfigureAwait(false);

        // Checked first for the same reason: CREATE TABLE IF NOT EXISTS needs CREATE on the schema, which the
        // silos' role, finding a schema migrated by its owner, does not have.
        var versioned = await ScalarAsync<bool>(
            connection, "SELECT to_regclass('schema_version') IS NOT NULL;", cancellationToken).ConfigureAwait(false);
        if (!versioned)
        {
            await ExecuteAsync(connection, """
                CREATE TABLE schema_version (
                    version     integer     NOT NULL PRIMARY KEY,
                    description text        NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now()
                );
                """, cancellationToken).ConfigureAwait(false);
        }

        var current = await ScalarAsync<int>(
            connection, "SELECT coalesce(max(version), 0) FROM schema_version;", cancellationToken).ConfigureAwait(false);
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        if (current > latest)
        {
            throw new InvalidOperationException(
                $"Schema '{schema}' of database '{connection.Database}' is at version {current}, newer than this build knows ({latest}). " +
                "Run a build at least as new as the one that migrated it.");
        }

        foreach (var migration in migrations.Where(m => m.Version > current).OrderBy(m => m.Version))
        {
            await ExecuteAsync(connection, migration.Script, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(
                connection,
                "INSERT INTO schema_version (version, description) VALUES ($1, $2);",
                cancellationToken,
                migration.Version,
                migration.Description).ConfigureAwait(false);
            current = migration.Version;
        }

        if (runtimeRole is not null)
        {
            await StoreGrants.ApplyAsync(connection, schema, runtimeRole, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return current;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = Command(connection, sql, values);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ScalarAsync<T>(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = Command(connection, sql, values);
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return (T)result!;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] values)
    {
        // No timeout: waiting for another silo's migration, or a long future migration, is not an error.
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
