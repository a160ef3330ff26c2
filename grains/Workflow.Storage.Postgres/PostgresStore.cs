using Npgsql;

namespace Workflow.Storage.Postgres;

/// <summary>
/// The clustered durable store: one PostgreSQL schema shared by every silo. Each store (one per
/// silo) writes through its own group-commit writer and reads through a pooled data source.
/// Opens (and migrates) on first use or on <see cref="InitializeAsync"/>; disposing writes what
/// is queued and closes the pool.
/// </summary>
public sealed class PostgresStore : IAggregateStore, IProjectIndex, IDeadlineStore, ISettingsStore, IHistoryVerifier, IHistoryFeed, IReadModelDatabase, IAsyncDisposable, IDisposable
{
    /// <summary>Largest page <see cref="QueryAsync"/> returns, whatever was asked for.</summary>
    public const int MaxPageSize = StoreReader.MaxPageSize;

    private readonly PostgresStoreOptions options;
    private readonly NpgsqlDataSource dataSource;
    private readonly StoreReader reader;
    private readonly StoreLifecycle<GroupCommitWriter> lifecycle;
    private readonly HistoryReader history;
    private readonly FeedReader feed;

    public PostgresStore(PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options.Snapshot();
        dataSource = StoreDataSource.Create(this.options);
        reader = new StoreReader(dataSource);
        lifecycle = new StoreLifecycle<GroupCommitWriter>(this, StartAsync);
        history = new HistoryReader(dataSource);
        feed = new FeedReader(dataSource);
    }

    /// <summary>The schema holding the store's tables.</summary>
    public string Schema => options.Schema;

    /// <summary>Applies pending migrations and starts the writer. Idempotent; call it at startup to fail fast.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default) =>
        await OpenAsync(cancellationToken).ConfigureAwait(false);

    public async Task<AggregateSnapshot?> LoadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresFailures.GuardAsync(() => reader.LoadAsync(streamId, cancellationToken)).ConfigureAwait(false);
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
        return max == 0 ? [] : await PostgresFailures.GuardAsync(() => reader.ReadEventsAsync(streamId, afterSeq, max, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<EventPage> ReadEventPageAsync(string streamId, EventPageQuery query, CancellationToken cancellationToken = default)
    {
        EventPageQuery.Check(streamId, query);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresFailures.GuardAsync(() => reader.ReadEventPageAsync(streamId, query, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<string?> LoadArchivedAsync(string streamId, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresFailures.GuardAsync(() => reader.LoadArchivedAsync(streamId, key, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ArchivedRecord>> ReadArchiveAsync(
        string streamId, string? afterKey = null, int max = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return max == 0 ? [] : await PostgresFailures.GuardAsync(() => reader.ReadArchiveAsync(streamId, afterKey, max, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<ProjectPage> QueryAsync(ProjectQuery query, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckQuery(query);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresFailures.GuardAsync(() => reader.QueryAsync(query, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DueDeadline>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return max == 0 ? [] : await PostgresFailures.GuardAsync(() => reader.DueAsync(now, max, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<DateTimeOffset?> NextAsync(CancellationToken cancellationToken = default)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresFailures.GuardAsync(() => reader.NextAsync(cancellationToken)).ConfigureAwait(false);
    }

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresFailures.GuardAsync(() => reader.GetSettingAsync(key, cancellationToken)).ConfigureAwait(false);
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
        return await PostgresFailures.GuardAsync(async () => await history.VerifyAsync(
            streamId, await history.LastSeqAsync(streamId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false))
            .ConfigureAwait(false);
    }

    public async Task<HistoryVerificationPage> VerifyStreamsAsync(
        string? afterStreamId, int maxStreams, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStreams, 1);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresFailures.GuardAsync(() => history.VerifyPageAsync(afterStreamId, maxStreams, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FeedEvent>> ReadAsync(FeedPosition after, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return max == 0 ? [] : await PostgresFailures.GuardAsync(() => feed.ReadAsync(after, max, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<long> CountAfterAsync(FeedPosition after, CancellationToken cancellationToken = default)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresFailures.GuardAsync(() => feed.CountAfterAsync(after, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Read models live in the store's schema (migrations create their tables).</summary>
    public SqlDialect Dialect => SqlDialect.Postgres;

    async Task<System.Data.Common.DbConnection> IReadModelDatabase.OpenAsync(CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresFailures.GuardAsync(async () => (System.Data.Common.DbConnection)await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            .ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (await lifecycle.CloseAsync().ConfigureAwait(false))
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>For containers disposed synchronously; blocks until the queued commits are written.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Test hook: see <see cref="GroupCommitWriter.Hold"/>.</summary>
    internal IDisposable HoldWriter() => RunningWriter().Hold();

    /// <summary>Test hook: queues any request, for example one that breaks its transaction.</summary>
    internal Task EnqueueAsync(WriteRequest request) => RunningWriter().EnqueueAsync(request);

    internal long BatchesCommitted => RunningWriter().BatchesCommitted;

    internal int LargestBatch => RunningWriter().LargestBatch;

    internal long BatchesReplayed => RunningWriter().BatchesReplayed;

    /// <summary>With the owner's connection when one is configured (then granting the silos' role), else with the store's.</summary>
    private async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.MigrationConnectionString))
        {
            return await PostgresMigrator.ApplyAsync(dataSource, options.Schema, SchemaMigrations.All, cancellationToken).ConfigureAwait(false);
        }

        var runtimeRole = new NpgsqlConnectionStringBuilder(options.ConnectionString).Username
            ?? throw new InvalidOperationException("PostgresStoreOptions.ConnectionString names no Username to grant the store's privileges to.");
        await using var owner = NpgsqlDataSource.Create(options.MigrationConnectionString);
        return await PostgresMigrator.ApplyAsync(owner, options.Schema, SchemaMigrations.All, cancellationToken, runtimeRole).ConfigureAwait(false);
    }

    private GroupCommitWriter RunningWriter() => lifecycle.Running;

    private ValueTask<GroupCommitWriter> OpenAsync(CancellationToken cancellationToken) => lifecycle.OpenAsync(cancellationToken);

    private async Task<GroupCommitWriter> StartAsync(CancellationToken cancellationToken)
    {
        // A failure here (server unreachable, schema from a newer build) leaves the store
        // closed; the next call tries again.
        await PostgresFailures.GuardAsync(() => MigrateAsync(cancellationToken)).ConfigureAwait(false);
        return GroupCommitWriter.Start(dataSource, options.MaxBatchSize);
    }
}
