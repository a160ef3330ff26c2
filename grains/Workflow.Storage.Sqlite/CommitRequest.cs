namespace Workflow.Storage.Sqlite;

/// <summary>An <see cref="AggregateCommit"/> waiting for the writer.</summary>
internal sealed class CommitRequest(AggregateCommit commit, CancellationToken cancellationToken)
    : WriteRequest(cancellationToken)
{
    // Packed here, on the committing caller's thread, not on the writer's.
    private readonly PackedState? snapshot = commit.StateJson is null ? null : PackedState.Pack(commit.StateJson);
    private readonly object?[] deltas = [.. commit.Events.Select(e => DeltaColumn.Pack(e.StateDelta))];
    private readonly object? pending = DeltaColumn.Pack(commit.PendingDelta);

    public override int IndexWrites => commit.Index is null ? 0 : 1;

    public override void Apply(WriterStatements statements)
    {
        var lastSeq = 0L;
        foreach (var stored in commit.Events)
        {
            lastSeq = Math.Max(lastSeq, stored.Seq);
        }

        // The stream row goes first: it is the version check, and nothing else may be written if it fails.
        var advanced = commit.ExpectedVersion == 0
            ? statements.TryCreateStream(commit.StreamId, lastSeq, pending)
            : statements.TryAdvanceStream(commit.StreamId, commit.ExpectedVersion, lastSeq, pending);
        if (!advanced)
        {
            throw new ConcurrencyConflictException(commit.StreamId, commit.ExpectedVersion);
        }

        for (var i = 0; i < commit.Events.Count; i++)
        {
            statements.AppendEvent(commit.StreamId, commit.Events[i], deltas[i]);
        }

        if (snapshot is not null)
        {
            statements.SetSnapshot(commit.StreamId, snapshot);
        }

        // A key archived before violates the primary key, which fails this request alone.
        foreach (var record in commit.Archive ?? [])
        {
            statements.Archive(commit.StreamId, record);
        }

        if (commit.Index is { } index)
        {
            statements.UpsertProject(index);
        }

        if (commit.Deadline is { } deadline)
        {
            statements.SetDeadline(commit.StreamId, deadline.DueAt);
        }
    }
}
