using Npgsql;

namespace Workflow.Storage.Postgres;

/// <summary>An <see cref="AggregateCommit"/> waiting for the writer.</summary>
internal sealed class CommitRequest(AggregateCommit commit, CancellationToken cancellationToken)
    : WriteRequest(cancellationToken)
{
    private const string UniqueViolation = "23505";
    private const string VersionConflict = "LF409";

    public override LockKey LockKey { get; } = new(LockKey.Streams, commit.StreamId);

    public override void AppendTo(WriteBatch batch)
    {
        var lastSeq = 0L;
        foreach (var stored in commit.Events)
        {
            lastSeq = Math.Max(lastSeq, stored.Seq);
        }

        // The stream row is the version check and a statement of its own, ahead of every row of
        // the batch, so that when it fails nothing of this commit has been written.
        if (commit.ExpectedVersion == 0)
        {
            batch.Add(WriteStatements.CreateStream, isVersionCheck: true, Value(commit.StreamId), Value(lastSeq), Value(commit.PendingDelta));
        }
        else
        {
            batch.Add(
                WriteStatements.AdvanceStream,
                isVersionCheck: true,
                Value(commit.StreamId),
                Value(commit.ExpectedVersion),
                Value(lastSeq),
                Value(commit.PendingDelta));
        }

        batch.Rows.AddEvents(commit.StreamId, commit.Events);
        if (commit.StateJson is { } snapshot)
        {
            batch.Rows.SetSnapshot(commit.StreamId, snapshot);
        }

        if (commit.Archive is { Count: > 0 } archive)
        {
            batch.Rows.AddArchived(commit.StreamId, archive);
        }
        if (commit.Index is { } index)
        {
            batch.Rows.SetProject(index);
        }

        if (commit.Deadline is { } deadline)
        {
            batch.Rows.SetDeadline(commit.StreamId, deadline.DueAt);
        }
    }

    /// <summary>
    /// On the version check, a duplicate key (creating a stream that exists) or LF409 (advancing
    /// a stream that moved on) both mean another writer got there first.
    /// </summary>
    public override Exception Translate(PostgresException exception, bool isVersionCheck) =>
        isVersionCheck && exception.SqlState is UniqueViolation or VersionConflict
            ? new ConcurrencyConflictException(commit.StreamId, commit.ExpectedVersion)
            : exception;
}
