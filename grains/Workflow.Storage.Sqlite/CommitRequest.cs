namespace Workflow.Storage.Sqlite;

/// <summary>An <see cref="AggregateCommit"/> waiting for the writer.</summary>
internal sealed class CommitRequest(AggregateCommit commit, CancellationToken cancellationToken)
    : WriteRequest(cancellationToken)
{
    // Packed here, on the committing caller's thread, not on the writer's.
    private readonly PackedState state = PackedState.Pack(commit.StateJson);

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
            ? statements.TryCreateStream(commit.StreamId, state, lastSeq)
            : statements.TryAdvanceStream(commit.StreamId, commit.ExpectedVersion, state, lastSeq);
        if (!advanced)
        {
            throw new ConcurrencyConflictException(commit.StreamId, commit.ExpectedVersion);
        }

        foreach (var stored in commit.Events)
        {
            statements.AppendEvent(commit.StreamId, stored);
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
