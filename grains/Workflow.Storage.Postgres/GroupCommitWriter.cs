using Npgsql;

namespace Workflow.Storage.Postgres;

/// <summary>
/// The store's writer. Callers enqueue requests; one loop takes everything queued (up to the batch
/// size, see <see cref="GroupCommitQueue{TRequest}"/>), sends all its statements in one round trip inside one transaction, commits once, and only
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
    private readonly GroupCommitQueue<WriteRequest> queue;
    private long batchesCommitted;
    private int largestBatch;
    private long batchesReplayed;

    private GroupCommitWriter(NpgsqlDataSource dataSource, int maxBatchSize)
    {
        this.dataSource = dataSource;
        queue = GroupCommitQueue<WriteRequest>.StartOnPool(maxBatchSize, nameof(PostgresStore), ExecuteBatchAsync);
    }

    /// <summary>Transactions committed so far; lets tests see that concurrent commits were grouped.</summary>
    internal long BatchesCommitted => Interlocked.Read(ref batchesCommitted);

    internal int LargestBatch => Volatile.Read(ref largestBatch);

    /// <summary>Times a batch was sent again after a statement failed because of the rows it wrote.</summary>
    internal long BatchesReplayed => Interlocked.Read(ref batchesReplayed);

    public static GroupCommitWriter Start(NpgsqlDataSource dataSource, int maxBatchSize) => new(dataSource, maxBatchSize);

    public Task EnqueueAsync(WriteRequest request) => queue.EnqueueAsync(request);

    /// <summary>See <see cref="GroupCommitQueue{TRequest}.Hold"/>.</summary>
    internal IDisposable Hold() => queue.Hold();

    /// <summary>Stops accepting requests, writes everything already queued, then returns.</summary>
    public ValueTask DisposeAsync() => queue.DisposeAsync();

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
