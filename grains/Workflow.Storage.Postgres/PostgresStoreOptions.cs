using Npgsql;

namespace Workflow.Storage.Postgres;

/// <summary>Which PostgreSQL database and schema the store uses, and how many commits share a transaction.</summary>
public sealed class PostgresStoreOptions
{
    public const string DefaultSchema = "landflow";

    /// <summary>
    /// An Npgsql connection string, for example
    /// <c>Host=db;Username=landflow;Password=...;Database=landflow</c>. Required. Pool size, timeouts
    /// and TLS are taken as given; the store sets the search path to <see cref="Schema"/> itself.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The schema owner's connection string, for migrations only. When set, the store migrates with it and then
    /// grants the role of <see cref="ConnectionString"/> (the silos') what it needs and no UPDATE or DELETE of
    /// history (docs/postgres.md, "Roles"); when empty, migrations run with <see cref="ConnectionString"/>.
    /// </summary>
    public string? MigrationConnectionString { get; set; }

    /// <summary>Schema holding the store's tables; created by the migrations when missing.</summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>Most commits the writer folds into one transaction (one round trip, one WAL flush).</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Throws on values that would otherwise fail late, inside the writer.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("PostgresStoreOptions.ConnectionString is required.", nameof(ConnectionString));
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException exception)
        {
            // The message of Npgsql's exception names the bad keyword, never the password.
            throw new ArgumentException("PostgresStoreOptions.ConnectionString is not valid: " + exception.Message, nameof(ConnectionString), exception);
        }

        if (!string.IsNullOrWhiteSpace(MigrationConnectionString))
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(MigrationConnectionString);
            }
            catch (ArgumentException exception)
            {
                throw new ArgumentException(
                    "PostgresStoreOptions.MigrationConnectionString is not valid: " + exception.Message, nameof(MigrationConnectionString), exception);
            }
        }

        SchemaName.Validate(Schema, nameof(Schema));

        if (MaxBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, "MaxBatchSize must be at least 1.");
        }
    }

    /// <summary>A copy, so later changes to the caller's instance cannot reach a running store.</summary>
    internal PostgresStoreOptions Snapshot() => new()
    {
        ConnectionString = ConnectionString,
        MigrationConnectionString = MigrationConnectionString,
        Schema = Schema,
        MaxBatchSize = MaxBatchSize,
    };
}
