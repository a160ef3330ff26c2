using Microsoft.Data.Sqlite;

namespace Workflow.Storage.Sqlite;

/// <summary>
/// The single writer. Callers enqueue requests; one dedicated thread takes everything queued (up
/// to the batch size, see <see cref="GroupCommitQueue{TRequest}"/>), runs it in one transaction, commits
/// once (one fsync for the whole batch), and only then completes the callers. A request that fails
/// alone (a version conflict) is undone alone.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    // SQLite primary result codes that concern one statement's data, not the connection or file:
    // TOOBIG, CONSTRAINT, MISMATCH, RANGE. Anything else fails the whole batch.
    private static readonly int[] RequestScopedErrorCodes = [18, 19, 20, 25];

    private readonly SqliteConnectionFactory connections;
    private readonly GroupCommitQueue<WriteRequest> queue;
    private readonly ProjectStatistics statistics;
    private readonly WalCheckpointer checkpointer;
    private SqliteConnection? connection;
    private WriterStatements? statements;
    private long batchesCommitted;
    private long batchesRerunIsolated;
    private int largestBatch;

    private GroupCommitWriter(
        SqliteConnectionFactory connections, int maxBatchSize, SqliteConnection connection, ProjectStatistics statistics)
    {
        this.connections = connections;
        this.connection = connection;
        this.statistics = statistics;
        statements = new WriterStatements(connection);
        checkpointer = WalCheckpointer.Start(connections);

        // A thread of its own: the loop blocks in fsync, which should not hold a pool thread.
        queue = GroupCommitQueue<WriteRequest>.StartOnThread("LandFlow SQLite writer", maxBatchSize, nameof(SqliteStore), ExecuteBatch, Stopped);
    }

    /// <summary>Batches committed so far; lets tests see that concurrent commits were grouped.</summary>
    internal long BatchesCommitted => Interlocked.Read(ref batchesCommitted);

    internal int LargestBatch => Volatile.Read(ref largestBatch);

    /// <summary>Batches that met a request-scoped failure and ran again with a savepoint per request.</summary>
    internal long BatchesRerunIsolated => Interlocked.Read(ref batchesRerunIsolated);

    internal long Checkpoints => checkpointer.Checkpoints;

    /// <summary>Opens the writer connection, migrates the schema and starts the loop.</summary>
    public static GroupCommitWriter Start(SqliteConnectionFactory connections, int maxBatchSize, Action<string>? migrationProgress = null)
    {
        var connection = connections.OpenWriter();
        try
        {
            SchemaMigrator.Apply(connection, SchemaMigrations.All, migrationProgress);
            var statistics = new ProjectStatistics();
            statistics.Refresh(connection);
            return new GroupCommitWriter(connections, maxBatchSize, connection, statistics);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public Task EnqueueAsync(WriteRequest request) => queue.EnqueueAsync(request);

    /// <summary>See <see cref="GroupCommitQueue{TRequest}.Hold"/>.</summary>
    internal IDisposable Hold() => queue.Hold();

    /// <summary>Stops accepting requests, writes everything already queued, then closes the connection.</summary>
    public ValueTask DisposeAsync() => queue.DisposeAsync();

    /// <summary>On the writer thread, once the queue is drained.</summary>
    private void Stopped()
    {
        checkpointer.Dispose();
        CloseConnection();
    }

    private void ExecuteBatch(List<WriteRequest> batch)
    {
        var outcomes = new RequestOutcome[batch.Count];
        var failures = new Exception?[batch.Count];
        try
        {
            // First without a savepoint per request: nearly every batch commits whole, and two statements
            // per request are a good part of the single writer's time. A request-scoped failure (a version
            // conflict, a constraint) rolls the batch back and runs it again with savepoints, so that the
            // failing request is undone alone.
            if (!TryRunTransaction(batch, outcomes, failures, isolateRequests: false))
            {
                Interlocked.Increment(ref batchesRerunIsolated);
                Array.Clear(outcomes);
                Array.Clear(failures);
                TryRunTransaction(batch, outcomes, failures, isolateRequests: true);
            }
        }
        catch (Exception exception)
        {
            // The transaction as a whole is gone (IO error, disk full, ...): nothing of this batch
            // is durable, so every caller is told so. The connection is reopened for the next batch.
            CloseConnection();
            exception = SqliteFailures.Translate(exception, mayHaveCommitted: false);
            for (var i = 0; i < batch.Count; i++)
            {
                if (outcomes[i] == RequestOutcome.Canceled)
                {
                    batch[i].Cancel();
                }
                else
                {
                    batch[i].Fail(exception);
                }
            }

            return;
        }

        Interlocked.Increment(ref batchesCommitted);
        checkpointer.Committed();
        if (batch.Count > largestBatch)
        {
            Volatile.Write(ref largestBatch, batch.Count);
        }

        var indexWrites = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            switch (outcomes[i])
            {
                case RequestOutcome.Canceled:
                    batch[i].Cancel();
                    break;
                case RequestOutcome.Failed:
                    batch[i].Fail(failures[i]!);
                    break;
                default:
                    indexWrites += batch[i].IndexWrites;
                    batch[i].Succeed();
                    break;
            }
        }

        RefreshStatistics(indexWrites);
    }

    /// <summary>Runs and commits the batch's transaction. Without <paramref name="isolateRequests"/>, returns
    /// false (the transaction rolled back) at the first request-scoped failure.</summary>
    private bool TryRunTransaction(List<WriteRequest> batch, RequestOutcome[] outcomes, Exception?[] failures, bool isolateRequests)
    {
        var sql = OpenStatements();
        sql.BeginTransaction();
        for (var i = 0; i < batch.Count; i++)
        {
            var request = batch[i];
            if (request.CancellationToken.IsCancellationRequested)
            {
                outcomes[i] = RequestOutcome.Canceled;
                continue;
            }

            if (!isolateRequests)
            {
                try
                {
                    request.Apply(sql);
                }
                catch (Exception exception) when (IsRequestScoped(exception))
                {
                    sql.RollbackTransaction();
                    return false;
                }

                continue;
            }

            sql.BeginRequest();
            try
            {
                request.Apply(sql);
                sql.EndRequest();
            }
            catch (Exception exception) when (IsRequestScoped(exception))
            {
                sql.UndoRequest();
                outcomes[i] = RequestOutcome.Failed;
                failures[i] = exception;
            }
        }

        sql.CommitTransaction();
        return true;
    }

    /// <summary>After the callers are released: statistics are an optimisation nobody waits for.</summary>
    private void RefreshStatistics(int indexWrites)
    {
        try
        {
            statistics.RecordWrites(indexWrites, connection!);
        }
        catch (SqliteException)
        {
            // Nothing was at stake; if the connection is broken the next batch reopens it and
            // reports the error to callers who can act on it.
            CloseConnection();
        }
    }

    private static bool IsRequestScoped(Exception exception) =>
        exception is not SqliteException sqlite || RequestScopedErrorCodes.Contains(sqlite.SqliteErrorCode & 0xFF);

    private WriterStatements OpenStatements()
    {
        if (statements is null)
        {
            connection = connections.OpenWriter();
            statements = new WriterStatements(connection);
        }

        return statements;
    }

    /// <summary>Closing rolls back any transaction still open on the connection.</summary>
    private void CloseConnection()
    {
        statements?.Dispose();
        statements = null;
        connection?.Dispose();
        connection = null;
    }

    private enum RequestOutcome
    {
        Applied,
        Failed,
        Canceled,
    }
}
