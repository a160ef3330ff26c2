using Npgsql;

namespace Workflow.Clustering.Postgres.Tests;

/// <summary>
/// A database of its own for one test class, created from <c>LANDFLOW_TEST_POSTGRES</c> and dropped afterwards.
/// PostgreSQL being out of reach fails the tests: a skipped membership test would pass CI while proving nothing.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncLifetime
{
    public const string EnvironmentVariable = "LANDFLOW_TEST_POSTGRES";
    public const string DefaultConnectionString = "Host=127.0.0.1;Username=landflow;Password=landflow;Database=postgres";

    private readonly NpgsqlConnectionStringBuilder _admin;
    private readonly string _name = "landflow_membership_" + Guid.NewGuid().ToString("N");
    private bool _created;

    public PostgresTestDatabase()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        _admin = new NpgsqlConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured);
        if (!_admin.ContainsKey("Timeout"))
        {
            // Fail in seconds, not Npgsql's default 15, when nothing listens.
            _admin.Timeout = 5;
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_admin.ConnectionString) { Database = _name }.ConnectionString;
    }

    /// <summary>Connection string of the fresh database.</summary>
    public string ConnectionString { get; }

    public async Task InitializeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(_admin.ConnectionString);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\";", connection);
            await create.ExecuteNonQueryAsync();
            _created = true;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is unreachable or refused to create a test database at Host={_admin.Host};Port={_admin.Port};" +
                $"Username={_admin.Username};Database={_admin.Database} ({exception.Message}). These tests need a running " +
                $"PostgreSQL and a role with CREATEDB: set {EnvironmentVariable} to its connection string, or start the local " +
                "one (pg_ctlcluster 15 main start) with role 'landflow'/'landflow' CREATEDB.",
                exception);
        }
    }

    public async Task DisposeAsync()
    {
        if (!_created)
        {
            // Nothing to drop; the unreachable server was reported when the class started.
            return;
        }

        await using var connection = new NpgsqlConnection(_admin.ConnectionString);
        await connection.OpenAsync();

        // FORCE ends the connections silos of the test may still hold in their pools.
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE);", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }
}
