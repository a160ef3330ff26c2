using Npgsql;

namespace Workflow.Gateway.Tests;

/// <summary>A database of the test's own on the test server, which it can close to new sessions and drops.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string name = "landflow_gw_" + Guid.NewGuid().ToString("N");

    public string ConnectionString => new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Database = name }.ConnectionString;

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await database.AdminAsync($"CREATE DATABASE {database.name}");
        return database;
    }

    public async Task RefuseConnectionsAsync()
    {
        await AdminAsync($"ALTER DATABASE {name} CONNECTION LIMIT 0");
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
    }

    public Task AllowConnectionsAsync() => AdminAsync($"ALTER DATABASE {name} CONNECTION LIMIT -1");

    /// <summary>Drops the database. FORCE terminates only sessions of the admin's own role: a session of another role (the
    /// silos' role of a migration test) that its client has just closed may still be exiting, so wait for it to go.</summary>
    public async ValueTask DisposeAsync()
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(10)
            && await AdminScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{name}' AND usename <> current_user") > 0)
        {
            await Task.Delay(50);
        }

        await AdminAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private async Task<long> AdminScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The value of a query on this database.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
