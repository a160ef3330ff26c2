using Npgsql;

namespace Workflow.Storage.Postgres.Tests;

/// <summary>
/// A database of its own for one test class (landflow_test_&lt;guid&gt;), dropped after the class.
/// Each test then works in a fresh schema of it, so tests of one class never see each other's rows.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncLifetime
{
    private readonly string name = "landflow_test_" + Guid.NewGuid().ToString("N");

    /// <summary>Connects to this class's database. Small pools: test classes run side by side on one server.</summary>
    public string ConnectionString { get; private set; } = "";

    public static string NewSchemaName() => "t_" + Guid.NewGuid().ToString("N");

    public PostgresStore CreateStore(string schema, Action<PostgresStoreOptions>? configure = null)
    {
        var options = new PostgresStoreOptions { ConnectionString = ConnectionString, Schema = schema };
        configure?.Invoke(options);
        return new PostgresStore(options);
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async Task DropSchemaAsync(string schema)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task InitializeAsync()
    {
        await using (var admin = await PostgresTestServer.OpenAdminAsync())
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(PostgresTestServer.ConnectionString)
        {
            Database = name,
            MaxPoolSize = 10,
        }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (ConnectionString.Length == 0)
        {
            return;
        }

        // Connections of this test process pooled by connection string, not by a store's data source.
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        // FORCE: a store a failed test left open must not keep the database alive. The server waits
        // up to 5 s for the sessions it terminates to exit, which a busy machine can exceed: then it
        // reports the database in use (55006) and another attempt finds them gone.
        await using var admin = await PostgresTestServer.OpenAdminAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 3)
            {
            }
        }
    }
}
