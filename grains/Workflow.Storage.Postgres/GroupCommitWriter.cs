using System.Threading.Channels;
using Npgsql;

namespace Workflow.Storage.Postgres;

/// <summary>
/// The store's writer. Callers enqueue requests; one loop takes everything queued (up to the batch
/// size), sends all its statements in one round trip inside one transaction, commits once, and only
/// then completes the callers. While a batch is on the wire the next one gathers, so under load
/// batches grow and the cost of a round trip and a WAL flush is shared by many commits.
/// </summary>
/// <remarks>
/// A batch is one version-check statement per commit followed by one set-based statement per table
/// for all the batch's other rows (see <see cref="WriteBatch"/>). PostgreSQL aborts the whole
/// transaction at the first failing statement, and a savepoint per request would cost a
/// subtransaction each (past 64 in one transaction they slow every other session's snapshots).
/// So a batch is optimistic instead: when a version check fails, that commit alone is failed and
/// the batch is sent again without it; when a shared statement fails (a duplicate event, text
/// PostgreSQL cannot store), the batch is sent again with a statement group per request, which
/// then names the culprit. Both are rare where each stream has one active writer.
/// </remarks>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    // Deadlocks are prevented by the lock order; these bound the retries if one happens anyway
    // (for example against a session that is not a LandFlow writer).
    private const int MaxTransientRetries = 3;
    private const string VersionConflict = "LF409";
    private const string DeadlockDetected = "40P01";
    private const string SerializationFailure = "40001";

    private readonly NpgsqlDataSource dataSource;
    private readonly int maxBatchSize;

    // The reader is an async loop: synchronous continuations would run it on a caller's thread
    // (an Orleans scheduler thread), so they stay off.
    private readonly Channel<WriteRequest> queue = Channel.CreateUnbounded<WriteRequest>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });
    private readonly WriterGate gate = new();
    private readonly Task loop;
    private long batchesCommitted;
    private int largestBatch;
    private long batchesReplayed;

    private GroupCommitWriter(NpgsqlDataSource dataSource, int maxBatchSize)
    {
        this.dataSource = dataSource;
        this.maxBatchSize = maxBatchSize;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed so far; lets tests see that concurrent commits were grouped.</summary>
    internal long BatchesCommitted => Interlocked.Read(ref batchesCommitted);

    internal int LargestBatch => Volatile.Read(ref largestBatch);

    /// <summary>Times a batch was sent again after a statement failed because of the rows it wrote.</summary>
    internal long BatchesReplayed => Interlocked.Read(ref batchesReplayed);

    public static GroupCommitWriter Start(NpgsqlDataSource dataSource, int maxBatchSize) => new(dataSource, maxBatchSize);

    public Task EnqueueAsync(WriteRequest request)
    {
        if (!queue.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(PostgresStore), "The store is shutting down; the commit was not written.");
        }

        return request.Completion;
    }

    /// <summary>
    /// Stops the loop before it takes its next batch until the returned handle is disposed, so a
    /// test can queue many requests and have them land in one batch.
    /// </summary>
    internal IDisposable Hold() => gate.Close();

    /// <summary>Stops accepting requests, writes everything already queued, then returns.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        gate.Open();
        await loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteRequest>(Math.Min(maxBatchSize, 1024));
        try
        {
            while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                await gate.WaitAsync().ConfigureAwait(false);
                while (batch.Count < maxBatchSize && queue.Reader.TryRead(out var request))
                {
                    batch.Add(request);
                }

                if (batch.Count > 0)
                {
                    await ExecuteBatchAsync(batch).ConfigureAwait(false);
                    batch.Clear();
                }
            }
        }
        catch (Exception exception)
        {
            // ExecuteBatchAsync contains its own failures; this is the last guard so that no
            // caller waits forever.
            queue.Writer.TryComplete(exception);
            foreach (var request in batch)
            {
                request.Fail(exception);
            }

            while (queue.Reader.TryRead(out var request))
            {
                request.Fail(exception);
            }
        }
    }

    private async Task ExecuteBatchAsync(List<WriteRequest> batch)
    {
        var pending = new List<WriteRequest>(batch.Count);
        foreach (var request in batch)
        {
            if (request.CancellationToken.IsCancellationRequested)
            {
                request.Cancel();
            }
            else
            {
                pending.Add(request);
            }
        }

        // A stable sort: two commits of one stream keep the order they were queued in.
        pending = [.. pending.OrderBy(request => request.LockKey)];
        var isolated = false;
        var transientRetries = 0;
        while (pending.Count > 0)
        {
            WriteBatch.Failure? failure;
            try
            {
                failure = await TryCommitAsync(pending, isolated).ConfigureAwait(false);
            }
            catch (PostgresException exception) when (IsTransient(exception) && ++transientRetries <= MaxTransientRetries)
            {
                // Rolled back whole; nothing of it is durable, so sending it again is safe.
                continue;
            }
            catch (Exception exception)
            {
                // The transaction as a whole failed (connection lost, server shutting down, ...):
                // nothing of it is durable (unless it failed during COMMIT, see TryCommitAsync) and
                // every caller is told so. A broken connection is dropped by the pool, so the next
                // batch gets a fresh one.
                var reported = PostgresFailures.Translate(exception, mayHaveCommitted: false);
                foreach (var request in pending)
                {
                    request.Fail(reported);
                }

                return;
            }

            switch (failure)
            {
                case null:
                    Interlocked.Increment(ref batchesCommitted);
                    if (pending.Count > largestBatch)
                    {
                        Volatile.Write(ref largestBatch, pending.Count);
                    }

                    foreach (var request in pending)
                    {
                        request.Succeed();
                    }

                    return;
                case WriteBatch.Failure.Request(var owner):
                    // Already failed; the others go again without it.
                    pending.Remove(owner.Request);
                    break;
                default:
                    // A statement writing several requests' rows failed: go again with a statement
                    // group per request, so the failure names whose rows they were.
                    isolated = true;
                    break;
            }

            Interlocked.Increment(ref batchesReplayed);
        }
    }

    /// <summary>
    /// Sends every pending request in one transaction. Returns null once committed, or the failed
    /// statement when it failed because of the rows it wrote; then the transaction is rolled back
    /// and, if the statement was one request's, that request has been failed. Throws when the
    /// transaction failed for reasons of its own.
    /// </summary>
    private async Task<WriteBatch.Failure?> TryCommitAsync(List<WriteRequest> pending, bool isolated)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using var statements = new WriteBatch(connection, transaction, isolated);
        foreach (var request in pending)
        {
            statements.Append(request);
        }

        try
        {
            await statements.ExecuteAsync().ConfigureAwait(false);
        }
        catch (PostgresException exception) when (IsRequestScoped(exception) && statements.OwnerOf(exception.BatchCommand) is { } failure)
        {
            if (failure is WriteBatch.Failure.Request(var owner))
            {
                owner.Request.Fail(owner.Request.Translate(exception, owner.IsVersionCheck));
            }

            return failure;
        }

        try
        {
            await transaction.CommitAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (PostgresFailures.IsInfrastructure(exception))
        {
            // The COMMIT may have reached the server before the connection failed: its outcome is unknown.
            throw PostgresFailures.Translate(exception, mayHaveCommitted: true);
        }

        return null;
    }

    /// <summary>
    /// Errors that concern one statement's data rather than the transaction or the connection:
    /// data exceptions (22), integrity violations (23), program limits such as an oversized index
    /// row (54), and our version conflict.
    /// </summary>
    private static bool IsRequestScoped(PostgresException exception) =>
        exception.SqlState.StartsWith("22", StringComparison.Ordinal)
        || exception.SqlState.StartsWith("23", StringComparison.Ordinal)
        || exception.SqlState.StartsWith("54", StringComparison.Ordinal)
        || exception.SqlState == VersionConflict;

    private static bool IsTransient(PostgresException exception) =>
        exception.SqlState is DeadlockDetected or SerializationFailure;
}
