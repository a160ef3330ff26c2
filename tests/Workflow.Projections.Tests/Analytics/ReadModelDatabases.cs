using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Workflow.Storage;

namespace Workflow.Projections.Tests;

/// <summary>A fresh read-model database for one test: a SQLite file, or a PostgreSQL schema of its own
/// (LANDFLOW_TEST_POSTGRES, as scripts/postgres-up prints it).</summary>
internal sealed class TestReadModelDatabase : IReadModelDatabase, IAsyncDisposable
{
    private readonly string connectionString;
    private readonly string? schema;
    private readonly string? directory;

    private TestReadModelDatabase(SqlDialect dialect, string connectionString, string? schema, string? directory)
    {
        Dialect = dialect;
        this.connectionString = connectionString;
        this.schema = schema;
        this.directory = directory;
    }

    public SqlDialect Dialect { get; }

    public static async Task<TestReadModelDatabase> CreateAsync(SqlDialect dialect, string ddl)
    {
        TestReadModelDatabase database;
        if (dialect == SqlDialect.Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory("landflow-analytics-").FullName;
            database = new TestReadModelDatabase(dialect, $"Data Source={Path.Combine(directory, "readmodel.db")};Pooling=False", null, directory);
        }
        else
        {
            var configured = Environment.GetEnvironmentVariable("LANDFLOW_TEST_POSTGRES") is { Length: > 0 } value
                ? value : "Host=127.0.0.1;Username=landflow;Password=landflow;Database=postgres";
            var schema = "analytics_" + Guid.NewGuid().ToString("N")[..12];
            database = new TestReadModelDatabase(dialect, configured, schema, null);
            await using var admin = new NpgsqlConnection(configured);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", admin);
            await create.ExecuteNonQueryAsync();
        }

        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = ddl;
        await command.ExecuteNonQueryAsync();
        return database;
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = Dialect == SqlDialect.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (schema is not null)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SET search_path TO {schema}";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (schema is not null)
        {
            await using var admin = new NpgsqlConnection(connectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", admin);
            await drop.ExecuteNonQueryAsync();
        }

        if (directory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
