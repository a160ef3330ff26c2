using System.Data.Common;
using Workflow.Storage;

namespace Workflow.Projections;

/// <summary>
/// Feeds one projection from the history feed. Each batch is applied and the checkpoint advanced in one transaction,
/// the checkpoint by compare-and-set: when two runners race (a silo and the rebuild command, or two activations
/// during a membership change) one batch wins, the other changes nothing and reads again from the new checkpoint.
/// </summary>
public sealed class ProjectionRunner(IProjection projection, IHistoryFeed feed, IReadModelDatabase database, TimeProvider time)
{
    public const int DefaultBatchSize = 500;

    private static readonly TimeSpan HeldBackRetry = TimeSpan.FromMilliseconds(5);

    private const string CheckpointsSchema = """
        CREATE TABLE IF NOT EXISTS projection_checkpoints (
            name       text   NOT NULL PRIMARY KEY,
            tx         bigint NOT NULL,
            position   bigint NOT NULL,
            applied    bigint NOT NULL DEFAULT 0,
            updated_at bigint NOT NULL
        );
        """;

    private bool prepared;

    public IProjection Projection => projection;

    /// <summary>Applies at most one batch; returns the events applied (none when the feed has nothing new, or when
    /// another runner advanced the checkpoint first).</summary>
    public async Task<IReadOnlyList<FeedEvent>> RunOnceAsync(int max = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        await using var connection = await OpenPreparedAsync(cancellationToken).ConfigureAwait(false);
        var (checkpoint, _, _) = await ReadCheckpointAsync(connection, cancellationToken).ConfigureAwait(false);
        var events = await feed.ReadAsync(checkpoint, max, cancellationToken).ConfigureAwait(false);
        if (events.Count == 0)
        {
            return [];
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // First, so the row lock (PostgreSQL) or the write lock (SQLite) is taken before any work, and a runner that lost
        // the race finds out at once.
        var next = events[^1].Position;
        var advanced = await ReadModelSql.ExecuteAsync(connection, transaction, """
            UPDATE projection_checkpoints
            SET tx = @tx, position = @position, applied = applied + @count, updated_at = @now
            WHERE name = @name AND tx = @old_tx AND position = @old_position
            """,
            cancellationToken,
            ("@tx", next.Tx), ("@position", next.Position), ("@count", (long)events.Count), ("@now", time.GetUtcNow().UtcTicks),
            ("@name", projection.Name), ("@old_tx", checkpoint.Tx), ("@old_position", checkpoint.Position)).ConfigureAwait(false);
        if (advanced != 1)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return [];
        }

        await projection.ApplyAsync(new ProjectionBatch(connection, transaction, database.Dialect, events), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return events;
    }

    /// <summary>Applies batches until no committed event is left after the checkpoint; returns how many it applied. On
    /// PostgreSQL an event held back behind a transaction still running elsewhere is waited for, a few milliseconds at a
    /// time, so everything committed before the call is applied when it returns.</summary>
    public async Task<long> CatchUpAsync(int batchSize = DefaultBatchSize, IProgress<ProjectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        long applied = 0;
        while (true)
        {
            var events = await RunOnceAsync(batchSize, cancellationToken).ConfigureAwait(false);
            applied += events.Count;
            if (events.Count > 0)
            {
                if (progress is not null)
                {
                    progress.Report(await ProgressAsync(cancellationToken).ConfigureAwait(false));
                }

                continue;
            }

            // Nothing applied: the feed is drained, or another runner won the race, or what is left waits behind a
            // running transaction.
            if ((await ProgressAsync(cancellationToken).ConfigureAwait(false)).Remaining == 0)
            {
                return applied;
            }

            await Task.Delay(HeldBackRetry, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Empties the projection's tables and puts its checkpoint back to the start, in one transaction.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenPreparedAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ReadModelSql.ExecuteAsync(connection, transaction,
            "UPDATE projection_checkpoints SET tx = 0, position = 0, applied = 0, updated_at = @now WHERE name = @name",
            cancellationToken, ("@now", time.GetUtcNow().UtcTicks), ("@name", projection.Name)).ConfigureAwait(false);
        foreach (var table in projection.Tables)
        {
            await ReadModelSql.ExecuteAsync(connection, transaction, $"DELETE FROM {table}", cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ProjectionProgress> ProgressAsync(CancellationToken cancellationToken = default)
    {
        var (checkpoint, applied, updatedAt) = await ReadCheckpointAsync(cancellationToken).ConfigureAwait(false);
        var remaining = await feed.CountAfterAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        return new ProjectionProgress(projection.Name, checkpoint, applied, remaining, updatedAt);
    }

    private async Task<(FeedPosition Checkpoint, long Applied, long UpdatedAt)> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenPreparedAsync(cancellationToken).ConfigureAwait(false);
        return await ReadCheckpointAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(FeedPosition Checkpoint, long Applied, long UpdatedAt)> ReadCheckpointAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var rows = await ReadModelSql.QueryAsync(
            connection, null, "SELECT tx, position, applied, updated_at FROM projection_checkpoints WHERE name = @name",
            r => (new FeedPosition(r.GetInt64(0), r.GetInt64(1)), r.GetInt64(2), r.GetInt64(3)),
            cancellationToken, ("@name", projection.Name)).ConfigureAwait(false);
        return rows.Count == 1 ? rows[0] : (FeedPosition.Start, 0, 0);
    }

    /// <summary>A connection to the read-model database with the checkpoint row (and on SQLite the tables) in place.</summary>
    private async Task<DbConnection> OpenPreparedAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (prepared)
        {
            return connection;
        }

        try
        {
            if (database.Dialect == SqlDialect.Sqlite)
            {
                await ReadModelSql.ExecuteAsync(connection, null, CheckpointsSchema + projection.SqliteSchema, cancellationToken).ConfigureAwait(false);
            }

            await ReadModelSql.ExecuteAsync(connection, null, """
                INSERT INTO projection_checkpoints (name, tx, position, applied, updated_at) VALUES (@name, 0, 0, 0, 0)
                ON CONFLICT (name) DO NOTHING
                """, cancellationToken, ("@name", projection.Name)).ConfigureAwait(false);
            prepared = true;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
