using Workflow.Contracts;
using System.Diagnostics;
using Npgsql;
using Xunit.Abstractions;
using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Postgres.Tests;

/// <summary>
/// The group-commit writer. The writer is held while requests are queued so that the batch they
/// land in is known, not left to timing.
/// </summary>
public sealed class PostgresGroupCommitTests(PostgresTestDatabase database, ITestOutputHelper output) : PostgresStoreTest(database)
{
    [Fact]
    public async Task CommitAsync_ConflictsAndFailuresInOneBatch_FailAloneWhileTheRestLandInOneTransaction()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        for (var i = 0; i < 10; i++)
        {
            await store.CommitAsync(Commit($"seed/{i}", 0, [Event(1)]));
        }

        var batchesBefore = store.BatchesCommitted;
        var replaysBefore = store.BatchesReplayed;
        Task[] fresh, advancing, conflicting, stale, duplicateSeq;
        Task badText;
        using (store.HoldWriter())
        {
            fresh = [.. Enumerable.Range(0, 100).Select(i => store.CommitAsync(Commit($"fresh/{i}", 0, [Event(1)])))];
            conflicting = [.. Enumerable.Range(0, 10).Select(i => store.CommitAsync(Commit($"seed/{i}", 0, [Event(9)])))];
            advancing = [.. Enumerable.Range(0, 10).Select(i => store.CommitAsync(Commit($"seed/{i}", 1, [Event(2)])))];
            stale = [.. Enumerable.Range(0, 3).Select(i => store.CommitAsync(Commit($"seed/{i}", 1, [Event(3)])))];

            // Same stream, already created earlier in this very batch.
            duplicateSeq = [.. Enumerable.Range(0, 5).Select(i => store.CommitAsync(Commit($"fresh/{i}", 1, [Event(1)])))];

            // PostgreSQL text cannot hold NUL: a data error confined to this commit.
            badText = store.CommitAsync(Commit("bad/nul", 0, [Event(1)], stateJson: "{\"x\":\"\0\"}"));
        }

        await Task.WhenAll(fresh.Concat(advancing));
        foreach (var task in conflicting.Concat(stale))
        {
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => task);
        }

        foreach (var task in duplicateSeq)
        {
            Assert.Equal(PostgresErrorCodes.UniqueViolation, (await Assert.ThrowsAsync<PostgresException>(() => task)).SqlState);
        }

        Assert.Equal(PostgresErrorCodes.CharacterNotInRepertoire, (await Assert.ThrowsAsync<PostgresException>(() => badText)).SqlState);
        Assert.Equal(1, store.BatchesCommitted - batchesBefore);
        Assert.Equal(110, store.LargestBatch);

        // One replay per failed commit (19), plus one to switch from shared statements to a group
        // per commit when the shared events statement met the duplicate sequence numbers.
        Assert.Equal(20, store.BatchesReplayed - replaysBefore);
        Assert.Equal(new AggregateSnapshot(1, """{"v":1}""", 1), await store.LoadAsync("fresh/0"));
        Assert.Equal(new AggregateSnapshot(2, """{"v":2}""", 2), await store.LoadAsync("seed/9"));
        Assert.Equal([1L, 2L], (await store.ReadEventsAsync("seed/0")).Select(e => e.Seq));
        Assert.Null(await store.LoadAsync("bad/nul"));
    }

    [Fact]
    public async Task CommitAsync_OneStreamSeveralTimesInOneBatch_AppliesThemInOrderSoTheLastRowsWin()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        var batchesBefore = store.BatchesCommitted;

        Task[] commits;
        using (store.HoldWriter())
        {
            commits =
            [
                store.CommitAsync(Commit("project/P1", 0, [Event(1)], index: Project("P1", openSteps: ["survey", "review"]), deadline: new(T0))),
                store.CommitAsync(Commit("project/P1", 1, [Event(2)], index: Project("P1", light: "Red", openSteps: ["review", "payment"]), deadline: new(T0.AddDays(1)))),
                store.CommitAsync(Commit("project/P1", 2, [Event(3), Event(4)], index: Project("P1", light: "Yellow", openSteps: ["payment"]), deadline: new(null))),
                store.CommitAsync(Commit("project/P2", 0, [Event(1)], deadline: new(T0.AddDays(2)))),
                store.SetAsync("k", "first"),
                store.SetAsync("k", "last"),
            ];
        }

        await Task.WhenAll(commits);
        Assert.Equal(1, store.BatchesCommitted - batchesBefore);
        Assert.Equal(new AggregateSnapshot(3, """{"v":3}""", 4), await store.LoadAsync("project/P1"));
        Assert.Equal([1L, 2L, 3L, 4L], (await store.ReadEventsAsync("project/P1")).Select(e => e.Seq));
        AssertSameEntry(Project("P1", light: "Yellow", openSteps: ["payment"]), Assert.Single((await store.QueryAsync(new ProjectQuery())).Items));
        Assert.Equal(0, (await store.QueryAsync(new ProjectQuery(Step: "review"))).Total);
        AssertSameInstant(T0.AddDays(2), await store.NextAsync());
        Assert.Equal("last", await store.GetAsync("k"));
    }

    [Fact]
    public async Task CommitAsync_MoreQueuedThanMaxBatchSize_SplitsIntoBatchesOfThatSize()
    {
        var store = CreateStore(options => options.MaxBatchSize = 10);
        await store.InitializeAsync();
        var batchesBefore = store.BatchesCommitted;

        Task[] commits;
        using (store.HoldWriter())
        {
            commits = [.. Enumerable.Range(0, 25).Select(i => store.CommitAsync(Commit($"s/{i}", 0, [Event(1)])))];
        }

        await Task.WhenAll(commits);
        Assert.Equal(3, store.BatchesCommitted - batchesBefore);
        Assert.Equal(10, store.LargestBatch);
    }

    [Fact]
    public async Task CommitAsync_CanceledWhileQueued_IsNotWritten()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        using var cancellation = new CancellationTokenSource();

        Task canceled, kept;
        using (store.HoldWriter())
        {
            canceled = store.CommitAsync(Commit("s/canceled", 0, [Event(1)]), cancellation.Token);
            kept = store.CommitAsync(Commit("s/kept", 0, [Event(1)]));
            await cancellation.CancelAsync();
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);
        await kept;
        Assert.Null(await store.LoadAsync("s/canceled"));
        Assert.NotNull(await store.LoadAsync("s/kept"));
    }

    [Fact]
    public async Task DisposeAsync_WithCommitsQueued_WritesThemBeforeClosing()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        var hold = store.HoldWriter();
        var commits = Enumerable.Range(0, 50).Select(i => store.CommitAsync(Commit($"s/{i}", 0, [Event(1)]))).ToArray();

        var disposing = store.DisposeAsync();
        hold.Dispose();
        await disposing;

        await Task.WhenAll(commits);
        var reopened = CreateStore();
        for (var i = 0; i < 50; i++)
        {
            Assert.NotNull(await reopened.LoadAsync($"s/{i}"));
        }
    }

    [Fact]
    public async Task CommitAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.CommitAsync(Commit("s", 0, [Event(1)])));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.LoadAsync("s"));
    }

    [Fact]
    public async Task SetAsync_QueuedWithCommits_LandsInTheSameBatch()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        var batchesBefore = store.BatchesCommitted;

        Task commit, setting;
        using (store.HoldWriter())
        {
            commit = store.CommitAsync(Commit("s", 0, [Event(1)]));
            setting = store.SetAsync("dev-clock", "x");
        }

        await Task.WhenAll(commit, setting);
        Assert.Equal(1, store.BatchesCommitted - batchesBefore);
        Assert.Equal("x", await store.GetAsync("dev-clock"));
    }

    [Fact]
    public async Task CommitAsync_ConnectionLostMidBatch_EveryCommitOfTheBatchFailsAndTheNextBatchWorks()
    {
        var store = CreateStore();
        await store.InitializeAsync();

        Task first, second, broken;
        using (store.HoldWriter())
        {
            first = store.CommitAsync(Commit("s/1", 0, [Event(1)]));
            second = store.CommitAsync(Commit("s/2", 0, [Event(1)]));
            broken = store.EnqueueAsync(new ConnectionKillingRequest());
        }

        // Lost before COMMIT was sent: every caller is told the store was unavailable and nothing was committed.
        var lost = await Assert.ThrowsAsync<StoreUnavailableException>(() => first);
        Assert.Same(lost, await Assert.ThrowsAsync<StoreUnavailableException>(() => second));
        Assert.Same(lost, await Assert.ThrowsAsync<StoreUnavailableException>(() => broken));
        Assert.False(lost.MayHaveCommitted);
        Assert.Null(await store.LoadAsync("s/1"));
        await store.CommitAsync(Commit("s/1", 0, [Event(1)]));
        Assert.NotNull(await store.LoadAsync("s/1"));
    }

    [Fact]
    public async Task CommitAsync_ThousandConcurrentCommitsFromManyTasks_AllLand()
    {
        const int Commits = 1_000;
        var store = CreateStore();
        await store.InitializeAsync();
        var batchesBefore = store.BatchesCommitted;

        // What a silo's project grains send: state, an event, the index row with open steps, a deadline.
        // How they were grouped is reported, not asserted (it depends on timing); the held-writer
        // tests above prove the grouping itself.
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Commits).Select(i => Task.Run(() => store.CommitAsync(Commit(
            $"project/L{i:0000}",
            0,
            [Event(1)],
            index: Project($"L{i:0000}", openSteps: ["survey", "review"]),
            deadline: new(T0.AddDays(i)))))));
        clock.Stop();

        var batches = store.BatchesCommitted - batchesBefore;
        output.WriteLine(
            $"{Commits} commits in {clock.Elapsed.TotalMilliseconds:0} ms ({Commits / clock.Elapsed.TotalSeconds:0} commits/s), " +
            $"{batches} transactions, largest {store.LargestBatch}.");
        Assert.Equal(Commits, (await store.QueryAsync(new ProjectQuery(Step: "review"))).Total);
        Assert.Equal(Commits, Convert.ToInt32(await ScalarAsync("SELECT count(*) FROM {schema}.events"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Commits, (await store.DueAsync(T0.AddDays(Commits), Commits + 1)).Count);
    }

    /// <summary>Breaks the connection the way a server restart or a network cut does.</summary>
    private sealed class ConnectionKillingRequest() : WriteRequest(CancellationToken.None)
    {
        public override LockKey LockKey { get; } = new(LockKey.Streams, "zzz");

        public override void AppendTo(WriteBatch batch) =>
            batch.Add("SELECT pg_terminate_backend(pg_backend_pid())", isVersionCheck: false);
    }
}
