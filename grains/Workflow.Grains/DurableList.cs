using Microsoft.Extensions.Logging;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>
/// A small durable list on a stream of its own (a registry: campaigns', inspections'): an entry is added once by its id,
/// each addition an event of the stream, and the whole list is the stream's snapshot. For lists of a handful of entries a
/// month, where one grain holding them all is simpler than a read model.
/// </summary>
public sealed class DurableList<TEntry>(
    IAggregateStore store,
    string streamId,
    string addedKind,
    Func<TEntry, string> idOf,
    TimeProvider time,
    IGrainBase owner,
    ILogger logger)
    where TEntry : class
{
    private List<TEntry> entries = [];
    private DurableCommit? commits;

    public IReadOnlyList<TEntry> Entries => entries;

    public Task LoadAsync(CancellationToken cancellationToken)
    {
        commits = new DurableCommit(store, streamId, Restore, owner, logger);
        return commits.LoadAsync(cancellationToken);
    }

    /// <summary>Adds the entry unless one with its id is listed already (adding again after a lost answer is harmless).</summary>
    public async Task AddAsync(TEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var durable = commits ?? throw new InvalidOperationException("Load the list before adding to it.");
        if (entries.Any(existing => idOf(existing) == idOf(entry)))
        {
            return;
        }

        entries = [.. entries, entry];
        var added = new StoredEvent(durable.Version + 1, time.GetUtcNow(), Actor.System.Id, addedKind, null, null, DomainJson.Serialize(entry));
        await durable.CommitAsync(new AggregateCommit(streamId, durable.Version, DomainJson.Serialize(entries), [added]));
    }

    private void Restore(AggregateSnapshot? snapshot) =>
        entries = snapshot is null ? [] : DomainJson.Deserialize<List<TEntry>>(snapshot.StateJson);
}
