using Npgsql;

namespace Workflow.Cluster.Tests;

/// <summary>
/// A fresh database for one cluster run, created from <c>LANDFLOW_TEST_POSTGRES</c> (which scripts/test and
/// scripts/fault-test set from scripts/postgres-up) and dropped afterwards, so every figure counts this run only.
/// </summary>
internal sealed class ClusterDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "LANDFLOW_TEST_POSTGRES";
    private const string DefaultConnectionString = "Host=127.0.0.1;Username=landflow;Password=landflow;Database=postgres";

    private readonly string _admin;
    private readonly string _name;

    private ClusterDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ClusterDatabase> CreateAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var admin = new NpgsqlConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured) { Timeout = 5 };
        var name = "landflow_fault_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\";", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is unreachable or refused to create a database at Host={admin.Host};Port={admin.Port};Username={admin.Username} " +
                $"({exception.Message}). Set {EnvironmentVariable}, or run scripts/postgres-up.",
                exception);
        }

        var database = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name, Timeout = 15 };
        return new ClusterDatabase(admin.ConnectionString, name, database.ConnectionString);
    }

    /// <summary>The status of the silo on <paramref name="port"/> whose generation is <paramref name="generation"/>.</summary>
    public async Task<string?> SiloStatusAsync(string clusterId, int port, int generation)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT status FROM landflow.membership_silo WHERE cluster_id = @c AND port = @p AND generation = @g", connection);
        command.Parameters.AddWithValue("c", clusterId);
        command.Parameters.AddWithValue("p", port);
        command.Parameters.AddWithValue("g", generation);
        return await command.ExecuteScalarAsync() as string;
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();

        // FORCE ends the connections a silo killed mid-run may have left open.
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE);", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
