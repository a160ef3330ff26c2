namespace Workflow.Storage.Sqlite;

/// <summary>
/// The embedded durable store: one SQLite file in WAL mode, written by a single group-commit
/// writer and read through pooled connections. Opens (and migrates) on first use or on
/// <see cref="InitializeAsync"/>; disposing writes what is queued and closes the file.
/// </summary>
public sealed class SqliteStore : IAggregateStore, IProjectIndex, IDeadlineStore, ISettingsStore, IHistoryVerifier, IHistoryFeed, IAsyncDisposable, IDisposable
{
    /// <summary>Largest page <see cref="QueryAsync"/> returns, whatever was asked for.</summary>
    public const int MaxPageSize = StoreReader.MaxPageSize;

    private const int VerifyChunkSize = 1000;

    private readonly SqliteStoreOptions options;
    private readonly SqliteConnectionFactory connections;
    private readonly StoreReader reader;
    private readonly FeedReader feed;
    private readonly StoreLifecycle<GroupCommitWriter> lifecycle;

    public SqliteStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options.Snapshot();
        connections = new SqliteConnectionFactory(this.options);
        reader = new StoreReader(connections);
        feed = new FeedReader(connections);
        lifecycle = new StoreLifecycle<GroupCommitWriter>(this, _ => Task.FromResult(GroupCommitWriter.Start(connections, this.options.MaxBatchSize, this.options.MigrationProgress)));
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath => connections.DatabasePath;

    /// <summary>Creates the file if needed, applies pending migrations and starts the writer. Idempotent.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default) =>
        await OpenAsync(cancellationToken).ConfigureAwait(false);

    public async Task<AggregateSnapshot?> LoadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return SqliteFailures.Guard(() => reader.Load(streamId));
    }

    public async Task CommitAsync(AggregateCommit commit, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckCommit(commit);

        cancellationToken.ThrowIfCancellationRequested();

        // When the store is open this runs synchronously up to the enqueue, so the request is
        // queued by the time this method returns its task.
        var current = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await current.EnqueueAsync(new CommitRequest(commit, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(
        string streamId, long afterSeq = 0, int max = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return max == 0 ? [] : SqliteFailures.Guard(() => reader.ReadEvents(streamId, afterSeq, max));
    }

    public async Task<EventPage> ReadEventPageAsync(string streamId, EventPageQuery query, CancellationToken cancellationToken = default)
    {
        EventPageQuery.Check(streamId, query);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return SqliteFailures.Guard(() => reader.ReadEventPage(streamId, query));
    }

    public async Task<string?> LoadArchivedAsync(string streamId, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return SqliteFailures.Guard(() => reader.LoadArchived(streamId, key));
    }

    public async Task<IReadOnlyList<ArchivedRecord>> ReadArchiveAsync(
        string streamId, string? afterKey = null, int max = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return max == 0 ? [] : SqliteFailures.Guard(() => reader.ReadArchive(streamId, afterKey, max));
    }

    public async Task<ProjectPage> QueryAsync(ProjectQuery query, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckQuery(query);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return SqliteFailures.Guard(() => reader.Query(query));
    }

    public async Task<IReadOnlyList<DueDeadline>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return max == 0 ? [] : SqliteFailures.Guard(() => reader.Due(now, max));
    }

    public async Task<DateTimeOffset?> NextAsync(CancellationToken cancellationToken = default)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return SqliteFailures.Guard(() => reader.Next());
    }

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return SqliteFailures.Guard(() => reader.GetSetting(key));
    }

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        cancellationToken.ThrowIfCancellationRequested();
        var current = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await current.EnqueueAsync(new SettingRequest(key, value, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<StreamVerification> VerifyStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return SqliteFailures.Guard(() => Verify(streamId, reader.LastSeq(streamId) ?? 0, cancellationToken));
    }

    public async Task<HistoryVerificationPage> VerifyStreamsAsync(
        string? afterStreamId, int maxStreams, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStreams, 1);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return SqliteFailures.Guard(() =>
        {
            var (streams, before, total) = reader.StreamPage(afterStreamId, maxStreams);
            var checkedStreams = streams.Select(s => Verify(s.StreamId, s.LastSeq, cancellationToken)).ToList();
            return new HistoryVerificationPage(
                checkedStreams, before + streams.Count, total, streams.Count < maxStreams ? null : streams[^1].StreamId);
        });
    }

    public async Task<IReadOnlyList<FeedEvent>> ReadAsync(FeedPosition after, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return max == 0 ? [] : SqliteFailures.Guard(() => feed.Read(after, max));
    }

    public async Task<long> CountAfterAsync(FeedPosition after, CancellationToken cancellationToken = default)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return SqliteFailures.Guard(() => feed.CountAfter(after));
    }

    public async ValueTask DisposeAsync()
    {
        if (await lifecycle.CloseAsync().ConfigureAwait(false))
        {
            connections.ReleasePooledReaders();
        }
    }

    /// <summary>For containers disposed synchronously; blocks until the queued commits are written.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Test hook: see <see cref="GroupCommitWriter.Hold"/>.</summary>
    internal IDisposable HoldWriter() => RunningWriter().Hold();

    /// <summary>Test hook: queues any request, for example one that fails like an IO error would.</summary>
    internal Task EnqueueAsync(WriteRequest request) => RunningWriter().EnqueueAsync(request);

    internal long BatchesCommitted => RunningWriter().BatchesCommitted;

    internal int LargestBatch => RunningWriter().LargestBatch;

    internal long BatchesRerunIsolated => RunningWriter().BatchesRerunIsolated;

    internal long Checkpoints => RunningWriter().Checkpoints;

    internal SqliteConnectionFactory Connections => connections;

    private StreamVerification Verify(string streamId, long lastSeq, CancellationToken cancellationToken)
    {
        var walk = new HistoryChainWalk(streamId);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = reader.ReadChainedEvents(streamId, walk.LastSeq, VerifyChunkSize);
            if (rows.Count == 0 || !rows.All(walk.Next) || rows.Count < VerifyChunkSize)
            {
                return walk.Complete(lastSeq);
            }
        }
    }

    private GroupCommitWriter RunningWriter() => lifecycle.Running;

    private ValueTask<GroupCommitWriter> OpenAsync(CancellationToken cancellationToken) => lifecycle.OpenAsync(cancellationToken);
}
