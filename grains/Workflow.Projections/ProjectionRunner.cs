using System.Data.Common;
using Workflow.Storage;

namespace Workflow.Projections;

/// <summary>
/// Feeds one projection from the history feed. Each batch is applied and the checkpoint advanced in one transaction,
/// the checkpoint by compare-and-set: when two runners race (a silo and the rebuild command, or two activations
/// during a membership change) one batch wins, the other changes nothing and reads again from the new checkpoint.
/// The checkpoint also records the projection's version that built the read model: a runner whose projection is newer
/// empties the tables and replays the history before it applies anything (told to <paramref name="rebuildLog"/>); one
/// whose projection is older applies nothing, since a newer build runs against the same store.
/// </summary>
public sealed class ProjectionRunner(
    IProjection projection, IHistoryFeed feed, IReadModelDatabase database, TimeProvider time, IProjectionRebuildLog? rebuildLog = null)
{
    public const int DefaultBatchSize = 500;

    private static readonly TimeSpan HeldBackRetry = TimeSpan.FromMilliseconds(5);

    private const string CheckpointsSchema = """
        CREATE TABLE IF NOT EXISTS projection_checkpoints (
            name       text   NOT NULL PRIMARY KEY,
            tx         bigint NOT NULL,
            position   bigint NOT NULL,
            applied    bigint NOT NULL DEFAULT 0,
            updated_at bigint NOT NULL,
            version    integer NOT NULL DEFAULT 1
        );
        """;

    private bool prepared;

    /// <summary>While this runner replays after a version change: the events to replay, and the next tenth to log.</summary>
    private (long Events, long NextTenth)? rebuilding;

    public IProjection Projection => projection;

    /// <summary>Applies at most one batch; returns the events applied (none when the feed has nothing new, or when
    /// another runner advanced the checkpoint first).</summary>
    public async Task<IReadOnlyList<FeedEvent>> RunOnceAsync(int max = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        await using var connection = await OpenPreparedAsync(cancellationToken).ConfigureAwait(false);
        var stored = await ReadCheckpointAsync(connection, cancellationToken).ConfigureAwait(false);
        if (stored.Version != projection.Version)
        {
            await UpgradeAsync(connection, stored.Version, cancellationToken).ConfigureAwait(false);
            stored = await ReadCheckpointAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        var checkpoint = stored.Checkpoint;
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
            WHERE name = @name AND tx = @old_tx AND position = @old_position AND version = @version
            """,
            cancellationToken,
            ("@tx", next.Tx), ("@position", next.Position), ("@count", (long)events.Count), ("@now", time.GetUtcNow().UtcTicks),
            ("@name", projection.Name), ("@old_tx", checkpoint.Tx), ("@old_position", checkpoint.Position), ("@version", projection.Version)).ConfigureAwait(false);
        if (advanced != 1)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return [];
        }

        await projection.ApplyAsync(new ProjectionBatch(connection, transaction, database.Dialect, events), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (rebuilding is not null)
        {
            ReportRebuild(new ProjectionProgress(projection.Name, next, stored.Applied + events.Count, 0, time.GetUtcNow().UtcTicks));
        }

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

    /// <summary>Empties the projection's tables and puts its checkpoint back to the start, at this projection's version,
    /// in one transaction.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenPreparedAsync(cancellationToken).ConfigureAwait(false);
        await ResetAsync(connection, storedVersion: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resets (unless <paramref name="storedVersion"/> is given and the stored version is no longer it: another
    /// runner reset first); true when this call reset.</summary>
    private async Task<bool> ResetAsync(DbConnection connection, int? storedVersion, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        (string, object?)[] parameters = [("@version", projection.Version), ("@now", time.GetUtcNow().UtcTicks), ("@name", projection.Name)];
        var reset = await ReadModelSql.ExecuteAsync(connection, transaction,
            "UPDATE projection_checkpoints SET tx = 0, position = 0, applied = 0, version = @version, updated_at = @now WHERE name = @name"
            + (storedVersion is null ? "" : " AND version = @stored"),
            cancellationToken, storedVersion is { } stored ? [.. parameters, ("@stored", stored)] : parameters).ConfigureAwait(false);
        if (reset != 1)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }

        foreach (var table in projection.Tables)
        {
            await ReadModelSql.ExecuteAsync(connection, transaction, $"DELETE FROM {table}", cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The read model was built by another version: an older one is emptied for a replay from the start; a newer
    /// one is left alone (a newer build runs against this store, and going back is the rebuild command's decision).</summary>
    private async Task UpgradeAsync(DbConnection connection, int storedVersion, CancellationToken cancellationToken)
    {
        if (storedVersion > projection.Version)
        {
            throw new InvalidOperationException(
                $"The '{projection.Name}' read model was built by version {storedVersion} of its projection, newer than this build's {projection.Version}; " +
                "this build applies nothing to it. To go back to this build's version, run its rebuild command.");
        }

        if (await ResetAsync(connection, storedVersion, cancellationToken).ConfigureAwait(false))
        {
            var events = await feed.CountAfterAsync(FeedPosition.Start, cancellationToken).ConfigureAwait(false);
            rebuilding = (events, 1);
            rebuildLog?.Started(projection.Name, storedVersion, projection.Version, events);
            if (events == 0)
            {
                ReportRebuild(new ProjectionProgress(projection.Name, FeedPosition.Start, 0, 0, time.GetUtcNow().UtcTicks));
            }
        }
    }

    /// <summary>Tells the rebuild log each tenth of the replay, then its end (events committed since it began are not
    /// counted: they are applied as any others).</summary>
    private void ReportRebuild(ProjectionProgress progress)
    {
        var (events, nextTenth) = rebuilding!.Value;
        var applied = Math.Min(progress.Applied, events);
        progress = progress with { Applied = applied, Remaining = events - applied };
        if (applied >= events)
        {
            rebuilding = null;
            rebuildLog?.Finished(progress);
        }
        else if (applied * 10 >= events * nextTenth)
        {
            rebuilding = (events, (applied * 10 / events) + 1);
            rebuildLog?.Progressed(progress);
        }
    }

    public async Task<ProjectionProgress> ProgressAsync(CancellationToken cancellationToken = default)
    {
        var (checkpoint, applied, updatedAt, _) = await ReadCheckpointAsync(cancellationToken).ConfigureAwait(false);
        var remaining = await feed.CountAfterAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        return new ProjectionProgress(projection.Name, checkpoint, applied, remaining, updatedAt);
    }

    private async Task<(FeedPosition Checkpoint, long Applied, long UpdatedAt, int Version)> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenPreparedAsync(cancellationToken).ConfigureAwait(false);
        return await ReadCheckpointAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(FeedPosition Checkpoint, long Applied, long UpdatedAt, int Version)> ReadCheckpointAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var rows = await ReadModelSql.QueryAsync(
            connection, null, "SELECT tx, position, applied, updated_at, version FROM projection_checkpoints WHERE name = @name",
            r => (new FeedPosition(r.GetInt64(0), r.GetInt64(1)), r.GetInt64(2), r.GetInt64(3), r.GetInt32(4)),
            cancellationToken, ("@name", projection.Name)).ConfigureAwait(false);
        return rows.Count == 1 ? rows[0] : (FeedPosition.Start, 0, 0, projection.Version);
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
                await AddVersionColumnAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            // A read model seen for the first time is empty: this version builds it.
            await ReadModelSql.ExecuteAsync(connection, null, """
                INSERT INTO projection_checkpoints (name, tx, position, applied, updated_at, version) VALUES (@name, 0, 0, 0, 0, @version)
                ON CONFLICT (name) DO NOTHING
                """, cancellationToken, ("@name", projection.Name), ("@version", projection.Version)).ConfigureAwait(false);
            prepared = true;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A SQLite read-model file made before projections had versions has no version column (PostgreSQL's
    /// migration 0007 adds it): its rows were built by version 1.</summary>
    private static async Task AddVersionColumnAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        const string Has = "SELECT count(*) FROM pragma_table_info('projection_checkpoints') WHERE name = 'version'";
        if (await ReadModelSql.ScalarAsync<long>(connection, null, Has, cancellationToken).ConfigureAwait(false) == 1)
        {
            return;
        }

        try
        {
            await ReadModelSql.ExecuteAsync(connection, null, "ALTER TABLE projection_checkpoints ADD COLUMN version integer NOT NULL DEFAULT 1", cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DbException)
        {
            // Another runner on the same file may have added it first.
            if (await ReadModelSql.ScalarAsync<long>(connection, null, Has, cancellationToken).ConfigureAwait(false) != 1)
            {
                throw;
            }
        }
    }
}
