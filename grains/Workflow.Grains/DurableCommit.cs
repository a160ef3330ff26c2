using Microsoft.Extensions.Logging;
using Workflow.Storage;

using Workflow.Contracts;

namespace Workflow.Grains;

/// <summary>
/// How every grain that writes loads its stream, commits to it and recovers from a failed commit, in one place.
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
        InStep = true;
    }

    /// <summary>Commits at <see cref="Version"/>; on failure, leaves memory equal to the store and rethrows.</summary>
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

        try
        {
            await store.CommitAsync(commit);
        }
        catch (Exception failure)
        {
            await RecoverAsync(commit, failure);
            throw;
        }

        Version++;
    }

    private async Task RecoverAsync(AggregateCommit commit, Exception failure)
    {
        try
        {
            await LoadAsync(CancellationToken.None);
            logger.LogWarning(failure, "Commit to {Stream} at version {Expected} failed; it {Outcome}. Reloaded at version {Version}.",
                streamId, commit.ExpectedVersion, Outcome(failure, commit.ExpectedVersion, Version), Version);
        }
        catch (Exception reloadFailure)
        {
            // Not even what is durable can be read (the store is down): this activation must never serve its memory
            // again, so the next request finds a new one that loads from the store.
            InStep = false;
            logger.LogWarning(reloadFailure, "{Stream} could not reload after a failed commit ({Failure}); deactivating.",
                streamId, failure.GetType().Name);
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
