using Microsoft.Extensions.Logging;
using Workflow.Storage;

using Workflow.Contracts;

namespace Workflow.Grains;

/// <summary>
/// How every grain that writes loads its stream, commits to it and recovers from a failed commit, in one place.
/// A grain gives the whole new state with each commit; what goes to the store is what changed: the state's delta on
/// the commit's last event (<see cref="StateDeltas"/>), a snapshot only every <see cref="SnapshotEvery"/> deltas (or
/// when the deltas since the last one outweigh the state), and for a commit without events a pending delta.
/// The grain keeps its state; this keeps the stream's version and puts the state back from the store (through
/// <c>restore</c>, given the stored snapshot or null for a stream not written yet) whenever memory may differ from it.
/// </summary>
/// <remarks>
/// A grain changes its state in memory before it commits, so a failed commit leaves memory ahead of the store, or
/// (when the commit landed but its answer was lost, say the connection dropped during COMMIT) the stored version
/// ahead of the grain's, which would make every later commit conflict. Whatever the failure, certain not to have
/// applied (a version conflict, a store error before the write) or of unknown outcome, the state is reloaded:
/// the stored version tells whether the commit landed, and memory is then what is durable either way. If the
/// reload fails too, the activation deactivates (the next call activates a new one, which loads from the store)
/// and refuses further commits meanwhile. The original failure is always rethrown, so the caller still learns it:
/// a <see cref="StoreUnavailableException"/> keeps its <c>MayHaveCommitted</c>, which the gateway answers as
/// 503 with <c>applied: no</c> or <c>unknown</c>.
/// </remarks>
public sealed class DurableCommit(
    IAggregateStore store,
    string streamId,
    Action<AggregateSnapshot?> restore,
    IGrainBase owner,
    ILogger logger)
{
    /// <summary>At most this many event deltas lie between the latest snapshot and the state, so a load folds a bounded
    /// number; a project's life is some 40 to 70 events, so it is snapshotted once or twice.</summary>
    public const int SnapshotEvery = 32;

    // Hashes of the state as of the stream's last event: what the next event's delta is taken from. A commit without
    // events leaves it, so its change rides on the stream's pending delta until an event's delta takes it in.
    private StateBaseline? eventBaseline;
    private int deltasSinceSnapshot;
    private long deltaCharsSinceSnapshot;

    /// <summary>The stream's version as the grain's state knows it: the expected version of its next commit.</summary>
    public long Version { get; private set; }

    /// <summary>False once a failed commit could not be followed by a reload: memory may be ahead of the store, so
    /// the grain must serve nothing more from it (the activation is deactivating).</summary>
    public bool InStep { get; private set; } = true;

    /// <summary>Loads the stream (at activation, or to start again from what is durable).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await store.LoadAsync(streamId, cancellationToken);
        restore(snapshot);
        Version = snapshot?.Version ?? 0;
        var atLastEvent = snapshot is null ? null : snapshot.HasPendingDelta ? snapshot.EventStateJson : snapshot.StateJson;
        eventBaseline = atLastEvent is null ? null : StateBaseline.Of(atLastEvent);
        deltasSinceSnapshot = snapshot?.DeltasSinceSnapshot ?? 0;
        deltaCharsSinceSnapshot = snapshot?.DeltaCharsSinceSnapshot ?? 0;
        InStep = true;
    }

    /// <summary>Commits at <see cref="Version"/>; on failure, leaves memory equal to the store and rethrows (a version
    /// conflict as <see cref="ConcurrentActivationException"/>).</summary>
    public async Task CommitAsync(AggregateCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        if (!InStep)
        {
            // Memory may hold an act whose caller was told it failed; writing it now would make that act durable.
            throw new StoreUnavailableException(
                $"Stream '{streamId}' could not be reloaded after a failed commit; nothing was written, try again.", mayHaveCommitted: false);
        }

        if (commit.StreamId != streamId || commit.ExpectedVersion != Version)
        {
            throw new InvalidOperationException(
                $"A commit to '{commit.StreamId}' at version {commit.ExpectedVersion} does not follow '{streamId}' at version {Version}.");
        }

        var state = commit.StateJson ?? throw new ArgumentException("A grain's commit carries its whole new state.", nameof(commit));
        var delta = StateDeltas.Diff(eventBaseline, state, out var baseline);
        var written = commit.Events.Count == 0
            ? commit with { StateJson = null, PendingDelta = delta }
            : WithEventDelta(commit, state, delta);
        try
        {
            await store.CommitAsync(written);
        }
        catch (Exception failure)
        {
            await RecoverAsync(commit, failure);
            if (failure is ConcurrencyConflictException)
            {
                // Only its grain writes a stream, so another activation of it did. This one leaves, so that later calls
                // reach the other, and the caller learns that nothing was applied and the call may be sent again.
                owner.DeactivateOnIdle();
                throw new ConcurrentActivationException(streamId, commit.ExpectedVersion);
            }

            throw;
        }

        Version++;
        if (commit.Events.Count > 0)
        {
            eventBaseline = baseline;
            (deltasSinceSnapshot, deltaCharsSinceSnapshot) = written.StateJson is null
                ? (deltasSinceSnapshot + 1, deltaCharsSinceSnapshot + (delta?.Length ?? 0))
                : (0, 0);
        }
    }

    /// <summary>Memory changed without a commit and must not be written (an operation faulted half way through a
    /// batch): puts the state back from the store, or, if that fails, stops serving it as after a failed commit.</summary>
    public Task DiscardAsync(Exception failure) =>
        ReloadOrLeaveAsync(failure, "discarding changes", () => logger.LogWarning(
            failure, "Changes to {Stream} were discarded; reloaded at version {Version}.", streamId, Version));

    /// <summary>The delta rides on the commit's last event; a snapshot is added once enough deltas piled up since the
    /// last, or their length passes the state's (a load would read more deltas than state).</summary>
    private AggregateCommit WithEventDelta(AggregateCommit commit, string state, string? delta)
    {
        var events = commit.Events.ToArray();
        events[^1] = events[^1] with { StateDelta = delta };
        var snapshot = deltasSinceSnapshot + 1 >= SnapshotEvery
            || deltaCharsSinceSnapshot + (delta?.Length ?? 0) > 2L * state.Length;
        return commit with { StateJson = snapshot ? state : null, Events = events, PendingDelta = null };
    }

    private Task RecoverAsync(AggregateCommit commit, Exception failure) =>
        ReloadOrLeaveAsync(failure, "a failed commit", () => logger.LogWarning(
            failure, "Commit to {Stream} at version {Expected} failed; it {Outcome}. Reloaded at version {Version}.",
            streamId, commit.ExpectedVersion, Outcome(failure, commit.ExpectedVersion, Version), Version));

    /// <summary>Puts memory back as stored after <paramref name="failure"/>, then <paramref name="reloaded"/> logs it.</summary>
    private async Task ReloadOrLeaveAsync(Exception failure, string after, Action reloaded)
    {
        try
        {
            await LoadAsync(CancellationToken.None);
            reloaded();
        }
        catch (Exception reloadFailure)
        {
            // Not even what is durable can be read (the store is down): this activation must never serve its memory
            // again, so the next request finds a new one that loads from the store.
            InStep = false;
            logger.LogWarning(reloadFailure, "{Stream} could not reload after {After} ({Failure}); deactivating.",
                streamId, after, failure.GetType().Name);
            owner.DeactivateOnIdle();
        }
    }

    private static string Outcome(Exception failure, long expected, long stored) => failure switch
    {
        ConcurrencyConflictException => "did not land (another writer had moved the stream on)",
        StoreUnavailableException { MayHaveCommitted: false } => "did not land",
        _ when stored == expected + 1 => "landed",
        _ when stored == expected => "did not land",
        _ => "is unknown (the stream has moved on)",
    };
}
