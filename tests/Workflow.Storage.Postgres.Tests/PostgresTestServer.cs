using Npgsql;

namespace Workflow.Storage.Postgres.Tests;

/// <summary>
/// The PostgreSQL server the tests run against: LANDFLOW_TEST_POSTGRES, or the local one that
/// scripts/postgres-up starts. Unreachable is a failure, never a skip: CI installs the server.
/// </summary>
internal static class PostgresTestServer
{
    public const string Variable = "LANDFLOW_TEST_POSTGRES";
    public const string DefaultConnectionString = "Host=127.0.0.1;Username=landflow;Password=landflow;Database=postgres";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured ? configured : DefaultConnectionString;

    /// <summary>Opens a connection to the configured (admin) database, or fails saying how to get a server.</summary>
    public static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or ArgumentException)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable with {Variable}='{Redacted(ConnectionString)}': {exception.Message.TrimEnd('.')}. " +
                $"Start the local server with 'bash scripts/postgres-up' (CI does), or set {Variable} to a server " +
                "whose role may CREATE DATABASE. These tests fail rather than skip without it.",
                exception);
        }
    }

    private static string Redacted(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (!string.IsNullOrEmpty(builder.Password))
            {
                builder.Password = "***";
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(not a valid connection string)";
        }
    }
}
