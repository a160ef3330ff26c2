namespace Workflow.Storage;

/// <summary>One event of a stream's audit trail, as stored. Never rewritten once committed.</summary>
public sealed record StoredEvent(
    long Seq,
    DateTimeOffset At,
    string Actor,
    string Kind,
    string? Step,
    string? Reason,
    string? FactsJson,
    string? StateDelta = null);

/// <summary>The current state of a stream (a project, a county ledger, ...) and its version: its latest snapshot with
/// the deltas its later events carry and its pending delta applied (<see cref="StateDeltas"/>).</summary>
public sealed record AggregateSnapshot(long Version, string StateJson, long LastSeq)
{
    /// <summary>The state as of the stream's last event, when a pending delta (commits without events since) makes
    /// <see cref="StateJson"/> differ from it; null when they are the same. The next event's delta is taken from it.</summary>
    public string? EventStateJson { get; init; }

    /// <summary>Whether commits without events changed the state since its last event (then <see cref="EventStateJson"/>
    /// is the state at that event, null when there was none).</summary>
    public bool HasPendingDelta { get; init; }

    /// <summary>How many event deltas were applied on top of the latest snapshot, and their length in characters:
    /// what a load pays for not having a newer snapshot.</summary>
    public int DeltasSinceSnapshot { get; init; }

    public long DeltaCharsSinceSnapshot { get; init; }
}

/// <summary>
/// The row the project list is served from, so listing never visits project grains.
/// Written in the same transaction as the project's state, by the commits that change what it lists;
/// <see cref="UpdatedAt"/> is when that last happened.
/// </summary>
public sealed record ProjectIndexEntry(
    string Code,
    string Name,
    string County,
    string OwnerUscc,
    string? Liaison,
    string State,
    string Light,
    IReadOnlyList<string> OpenSteps,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// A record a stream keeps beside its state under a key of its own, for what the state no longer needs at
/// every commit but must still answer for (a county ledger's settled reservations). Written once, by the
/// commit that moves it out of the state, and never changed; read back by key.
/// </summary>
public sealed record ArchivedRecord(string Key, string Json);

/// <summary>
/// One atomic write: the events appended to the stream's history (each may carry the state's delta), a snapshot of
/// the new state when there is one, the records it archives, and for projects the index row and the next deadline.
/// All or nothing; the version check makes a second writer fail instead of overwriting, and a key already archived
/// fails the commit.
/// </summary>
/// <param name="StateJson">A snapshot of the state after this commit, replacing the stream's snapshot; null to write
/// none, when the events' <see cref="StoredEvent.StateDelta"/>s and <paramref name="PendingDelta"/> carry the change.</param>
/// <param name="PendingDelta">The state's change since its last event, made by commits without events (a reservation's
/// intent); replaces the stream's pending delta, and null clears it. Loading applies it after the events' deltas.</param>
public sealed record AggregateCommit(
    string StreamId,
    long ExpectedVersion,
    string? StateJson,
    IReadOnlyList<StoredEvent> Events,
    ProjectIndexEntry? Index = null,
    DeadlineChange? Deadline = null,
    IReadOnlyList<ArchivedRecord>? Archive = null,
    string? PendingDelta = null);

/// <summary>Sets (DueAt not null) or clears (DueAt null) the stream's next wake-up time.</summary>
public sealed record DeadlineChange(DateTimeOffset? DueAt);

public sealed record DueDeadline(string StreamId, DateTimeOffset DueAt);

public sealed record ProjectQuery(
    string? County = null,
    string? State = null,
    string? Light = null,
    string? Step = null,
    string? Liaison = null,
    string? OwnerUscc = null,
    int Page = 1,
    int PageSize = 20);

public sealed record ProjectPage(IReadOnlyList<ProjectIndexEntry> Items, int Total);

public sealed class ConcurrencyConflictException(string streamId, long expectedVersion)
    : Exception($"Stream '{streamId}' is not at version {expectedVersion}; another writer got there first.")
{
    public string StreamId { get; } = streamId;
    public long ExpectedVersion { get; } = expectedVersion;
}

/// <summary>State plus append-only history for every stream, committed durably before it returns.</summary>
public interface IAggregateStore
{
    /// <summary>The stream's current state: its latest snapshot, then the deltas of the events after it, then its pending
    /// delta; null for a stream never written.</summary>
    Task<AggregateSnapshot?> LoadAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>Returns once the commit is durable. Throws <see cref="ConcurrencyConflictException"/>
    /// when the stream is not at <see cref="AggregateCommit.ExpectedVersion"/> (0 for a new stream).</summary>
    Task CommitAsync(AggregateCommit commit, CancellationToken cancellationToken = default);

    /// <summary>The stream's events after <paramref name="afterSeq"/>, with the state deltas they carry.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string streamId, long afterSeq = 0, int max = int.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>One page of the stream's events (<see cref="EventPageQuery"/>); reads only that page's rows, and one more.</summary>
    Task<EventPage> ReadEventPageAsync(string streamId, EventPageQuery query, CancellationToken cancellationToken = default);

    /// <summary>The JSON the stream archived under <paramref name="key"/>, or null.</summary>
    Task<string?> LoadArchivedAsync(string streamId, string key, CancellationToken cancellationToken = default);

    /// <summary>The stream's archived records with keys after <paramref name="afterKey"/> (all when null), at most
    /// <paramref name="max"/>, in key order (ordinal over UTF-8 bytes, which for ASCII keys is .NET's ordinal).</summary>
    Task<IReadOnlyList<ArchivedRecord>> ReadArchiveAsync(
        string streamId, string? afterKey = null, int max = int.MaxValue, CancellationToken cancellationToken = default);
}

public interface IProjectIndex
{
    Task<ProjectPage> QueryAsync(ProjectQuery query, CancellationToken cancellationToken = default);
}

public interface IDeadlineStore
{
    /// <summary>Streams whose deadline is at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<DueDeadline>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default);

    /// <summary>The earliest deadline still set, to know when to look again.</summary>
    Task<DateTimeOffset?> NextAsync(CancellationToken cancellationToken = default);
}

/// <summary>Small named values the platform keeps across restarts (for example the dev clock).</summary>
public interface ISettingsStore
{
    Task<string?> GetAsync(string key, CancellationToken cancellationToken = default);
    Task SetAsync(string key, string value, CancellationToken cancellationToken = default);
}
