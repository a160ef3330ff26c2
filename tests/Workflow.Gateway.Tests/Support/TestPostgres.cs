using Npgsql;

namespace Workflow.Gateway.Tests;

/// <summary>
/// The PostgreSQL server of the test run: LANDFLOW_TEST_POSTGRES (scripts/test sets it from scripts/postgres-up),
/// else the local one postgres-up starts. A test works in a schema of its own and drops it afterwards.
/// </summary>
internal static class TestPostgres
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("LANDFLOW_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Username=landflow;Password=landflow;Database=landflow";

    public static string NewSchemaName() => "t_" + Guid.NewGuid().ToString("N");

    public static async Task DropSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
