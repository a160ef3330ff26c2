using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Workflow.Storage.Sqlite;

/// <summary>
/// The read models' own SQLite file beside the store's (<c>landflow.readmodel.db</c> for <c>landflow.db</c>): projections
/// write there on connections of their own, so they never queue behind the store's group-commit writer, and a read
/// model can be deleted and rebuilt from the history without touching it.
/// </summary>
public sealed class SqliteReadModelDatabase : IReadModelDatabase
{
    private readonly string connectionString;
    private readonly string synchronous;

    public SqliteReadModelDatabase(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var store = options.DatabasePath;
        DatabasePath = Path.Combine(Path.GetDirectoryName(store)!, Path.GetFileNameWithoutExtension(store) + ".readmodel.db");
        synchronous = options.Synchronous.ToUpperInvariant();
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
    }

    public string DatabasePath { get; }

    public SqlDialect Dialect => SqlDialect.Sqlite;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();

            // WAL lets dashboards read while the projection writes; IMMEDIATE-style waits come from busy_timeout.
            command.CommandText = $"""
                PRAGMA journal_mode=WAL;
                PRAGMA synchronous={synchronous};
                PRAGMA busy_timeout={SqliteConnectionFactory.BusyTimeoutMilliseconds};
                """;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes idle pooled connections, so the file is released (tests delete their directories).</summary>
    public void ReleasePooledConnections()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
