using System.Globalization;
using Npgsql;

namespace Workflow.Benchmarks;

/// <summary>The PostgreSQL server the PostgreSQL scenarios use: each store is a fresh database on it, created for one
/// measurement and dropped after it. The role needs CREATEDB (scripts/postgres-up gives it to <c>landflow</c>).</summary>
public sealed class PostgresServer(string adminConnectionString)
{
    /// <summary>What scripts/postgres-up sets up, as the tests use it.</summary>
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=landflow;Password=landflow;Database=postgres";

    private static int created;

    /// <summary><c>--postgres</c>, else <c>LANDFLOW_TEST_POSTGRES</c> (as the tests), else the default.</summary>
    public static PostgresServer From(BenchmarkOptions options) =>
        new(options.Get("postgres") ?? Environment.GetEnvironmentVariable("LANDFLOW_TEST_POSTGRES") ?? DefaultConnectionString);

    public string AdminConnectionString => adminConnectionString;

    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"landflow_bench_{purpose}_{Environment.ProcessId}_{Interlocked.Increment(ref created)}");
        await ExecuteAsync($"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>A server setting as the server reports it (<c>SHOW</c>).</summary>
    public async Task<string> ShowAsync(string setting)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SHOW {setting}", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
