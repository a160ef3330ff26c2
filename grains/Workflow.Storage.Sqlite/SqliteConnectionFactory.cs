using Microsoft.Data.Sqlite;

namespace Workflow.Storage.Sqlite;

/// <summary>Opens the one writer connection and the pooled reader connections, each with its pragmas.</summary>
internal sealed class SqliteConnectionFactory
{
    internal const int BusyTimeoutMilliseconds = 5_000;

    // Keeps the WAL file from staying at its high-water mark after a checkpoint.
    private const long JournalSizeLimitBytes = 64L * 1024 * 1024;

    private readonly string writerConnectionString;
    private readonly string readerConnectionString;
    private readonly string synchronous;

    public SqliteConnectionFactory(SqliteStoreOptions options)
    {
        DatabasePath = options.DatabasePath;
        DataDirectory = Path.GetDirectoryName(DatabasePath)!;
        synchronous = options.Synchronous;

        // The writer lives as long as the store, so it is kept out of the pool; that also makes
        // closing it really close the file (and checkpoint the WAL).
        writerConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
        }.ToString();
        readerConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
    }

    public string DatabasePath { get; }

    public string DataDirectory { get; }

    public SqliteConnection OpenWriter()
    {
        Directory.CreateDirectory(DataDirectory);
        var connection = new SqliteConnection(writerConnectionString);
        try
        {
            connection.Open();

            // WAL is a property of the file; it is what lets readers run beside the writer.
            var journalMode = Convert.ToString(Scalar(connection, "PRAGMA journal_mode=WAL;"), System.Globalization.CultureInfo.InvariantCulture);
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL mode for '{DatabasePath}' (journal_mode is '{journalMode}').");
            }

            Execute(connection, $"""
                PRAGMA synchronous={synchronous};
                PRAGMA busy_timeout={BusyTimeoutMilliseconds};
                PRAGMA foreign_keys=ON;
                PRAGMA journal_size_limit={JournalSizeLimitBytes};
                PRAGMA temp_store=MEMORY;
                PRAGMA wal_autocheckpoint={WalCheckpointer.WriterAutoCheckpointPages};
                """);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A connection of the checkpointer's own, out of the pool (it lives as long as the store).</summary>
    public SqliteConnection OpenCheckpointer()
    {
        var connection = new SqliteConnection(writerConnectionString);
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout={BusyTimeoutMilliseconds}; PRAGMA synchronous={synchronous};");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(readerConnectionString);
        try
        {
            connection.Open();

            // Pooled connections keep these, but a fresh one has none, and there is no way to tell.
            Execute(connection, $"PRAGMA busy_timeout={BusyTimeoutMilliseconds}; PRAGMA query_only=ON;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Closes idle pooled readers so the file is really released when the store goes away.</summary>
    public void ReleasePooledReaders()
    {
        using var connection = new SqliteConnection(readerConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
