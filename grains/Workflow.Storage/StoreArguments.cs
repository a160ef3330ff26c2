namespace Workflow.Storage;

/// <summary>The argument checks every store makes before it queues or runs anything, in one place so the
/// stores refuse exactly the same input (the conformance suite checks both).</summary>
public static class StoreArguments
{
    public static void CheckCommit(AggregateCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentException.ThrowIfNullOrEmpty(commit.StreamId);
        ArgumentOutOfRangeException.ThrowIfNegative(commit.ExpectedVersion);
        ArgumentNullException.ThrowIfNull(commit.Events);
        if (commit.ExpectedVersion == 0 && commit.StateJson is null && commit.PendingDelta is null && commit.Events.All(e => e.StateDelta is null))
        {
            throw new ArgumentException("A stream's first commit carries its state: a snapshot, a delta on an event, or a pending delta.", nameof(commit));
        }
        if (commit.Index is { } index)
        {
            ArgumentException.ThrowIfNullOrEmpty(index.Code);
        }

        foreach (var record in commit.Archive ?? [])
        {
            ArgumentNullException.ThrowIfNull(record);
            ArgumentException.ThrowIfNullOrEmpty(record.Key);
            ArgumentNullException.ThrowIfNull(record.Json);
        }
    }

    public static void CheckQuery(ProjectQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
    }
}
