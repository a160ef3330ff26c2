namespace Workflow.Storage;

/// <summary>How both stores turn what they read of a stream (its snapshot, the deltas of the events after it, its
/// pending delta) into the <see cref="AggregateSnapshot"/> a grain loads.</summary>
public static class StateFold
{
    public static AggregateSnapshot Load(
        string streamId, long version, long lastSeq, string? snapshotJson, IReadOnlyList<string?> deltas, string? pendingDelta)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        var atLastEvent = StateDeltas.Fold(snapshotJson, deltas);
        var current = pendingDelta is null ? atLastEvent : StateDeltas.Fold(atLastEvent, [pendingDelta]);
        return new AggregateSnapshot(
            version,
            current ?? throw new InvalidDataException($"Stream '{streamId}' has neither a snapshot nor a delta to load its state from."),
            lastSeq)
        {
            EventStateJson = pendingDelta is null ? null : atLastEvent,
            HasPendingDelta = pendingDelta is not null,
            DeltasSinceSnapshot = deltas.Count(d => d is not null),
            DeltaCharsSinceSnapshot = deltas.Sum(d => (long)(d?.Length ?? 0)),
        };
    }
}
