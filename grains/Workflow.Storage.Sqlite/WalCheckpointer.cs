using Microsoft.Data.Sqlite;

namespace Workflow.Storage.Sqlite;

/// <summary>
/// Copies the WAL back into the database file beside the writer rather than on it. SQLite's own automatic
/// checkpoint runs inside the COMMIT that crosses its threshold, on the single writer's thread, with an fsync of
/// the database file, and every caller of that batch waits for it. The writer keeps an automatic checkpoint
/// only as a safety net, at a threshold this thread normally never lets the WAL reach.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    /// <summary>The writer's own automatic checkpoint threshold, in pages (4 KiB each): about 64 MiB.</summary>
    public const int WriterAutoCheckpointPages = 16_384;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly SqliteConnectionFactory connections;
    private readonly ManualResetEventSlim wake = new(initialState: false);
    private readonly Thread thread;
    private long commitsSinceCheckpoint;
    private long checkpoints;
    private volatile bool stopping;

    private WalCheckpointer(SqliteConnectionFactory connections)
    {
        this.connections = connections;
        thread = new Thread(Run) { IsBackground = true, Name = "LandFlow SQLite checkpointer" };
    }

    /// <summary>Checkpoints run so far; lets tests see the thread at work.</summary>
    public long Checkpoints => Interlocked.Read(ref checkpoints);

    public static WalCheckpointer Start(SqliteConnectionFactory connections)
    {
        var checkpointer = new WalCheckpointer(connections);
        checkpointer.thread.Start();
        return checkpointer;
    }

    /// <summary>Called by the writer after each batch it committed.</summary>
    public void Committed() => Interlocked.Increment(ref commitsSinceCheckpoint);

    /// <summary>Stops the thread; the writer's connection, closed last, checkpoints what is left.</summary>
    public void Dispose()
    {
        stopping = true;
        wake.Set();
        thread.Join();
        wake.Dispose();
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        try
        {
            while (!stopping)
            {
                wake.Wait(Interval);
                if (stopping || Interlocked.Exchange(ref commitsSinceCheckpoint, 0) == 0)
                {
                    continue;
                }

                try
                {
                    connection ??= connections.OpenCheckpointer();
                    using var command = connection.CreateCommand();
                    // PASSIVE: copies what no reader still needs and never waits for readers or the writer.
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    command.ExecuteNonQuery();
                    Interlocked.Increment(ref checkpoints);
                }
                catch (SqliteException)
                {
                    // Best effort: the writer's own automatic checkpoint is the safety net. Reopen next time.
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }
}
