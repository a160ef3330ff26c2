using Workflow.Contracts;
using Microsoft.Data.Sqlite;
using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Sqlite.Tests;

/// <summary>
/// The group-commit writer. The writer is held while requests are queued so that the batch they
/// land in is known, not left to timing.
/// </summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly SqliteTestDirectory directory = new();

    [Fact]
    public async Task CommitAsync_ConflictsAndFailuresInOneBatch_RollBackAloneWhileTheRestLand()
    {
        await using var store = directory.CreateStore();
        await store.InitializeAsync();
        for (var i = 0; i < 10; i++)
        {
            await store.CommitAsync(Commit($"seed/{i}", 0, [Event(1)]));
        }

        var batchesBefore = store.BatchesCommitted;
        Task[] fresh, advancing, conflicting, duplicateSeq;
        using (store.HoldWriter())
        {
            fresh = [.. Enumerable.Range(0, 100).Select(i => store.CommitAsync(Commit($"fresh/{i}", 0, [Event(1)])))];
            conflicting = [.. Enumerable.Range(0, 10).Select(i => store.CommitAsync(Commit($"seed/{i}", 0, [Event(9)])))];
            advancing = [.. Enumerable.Range(0, 10).Select(i => store.CommitAsync(Commit($"seed/{i}", 1, [Event(2)])))];

            // Same stream, already created earlier in this very batch.
            duplicateSeq = [.. Enumerable.Range(0, 5).Select(i => store.CommitAsync(Commit($"fresh/{i}", 1, [Event(1)])))];
        }

        await Task.WhenAll(fresh.Concat(advancing));
        foreach (var task in conflicting)
        {
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => task);
        }

        foreach (var task in duplicateSeq)
        {
            await Assert.ThrowsAsync<SqliteException>(() => task);
        }

        Assert.Equal(1, store.BatchesCommitted - batchesBefore);
        Assert.Equal(1, store.BatchesRerunIsolated);
        Assert.Equal(125, store.LargestBatch);
        Assert.Equal(new AggregateSnapshot(1, """{"v":1}""", 1), await store.LoadAsync("fresh/0"));
        Assert.Equal(new AggregateSnapshot(2, """{"v":2}""", 2), await store.LoadAsync("seed/9"));
    }

    [Fact]
    public async Task CommitAsync_BatchWithoutFailures_CommitsInOnePassWithoutSavepoints()
    {
        await using var store = directory.CreateStore();
        await store.InitializeAsync();
        await store.CommitAsync(Commit("seed", 0, [Event(1)]));

        Task[] commits;
        using (store.HoldWriter())
        {
            commits = [.. Enumerable.Range(0, 20).Select(i => store.CommitAsync(Commit($"clean/{i}", 0, [Event(1), Event(2)])))];
        }

        await Task.WhenAll(commits);
        Assert.Equal(0, store.BatchesRerunIsolated);
        Assert.Equal(2, (await store.ReadEventsAsync("clean/19")).Count);
    }

    [Fact]
    public async Task CommitAsync_MoreQueuedThanMaxBatchSize_SplitsIntoBatchesOfThatSize()
    {
        await using var store = directory.CreateStore(options => options.MaxBatchSize = 10);
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
        await using var store = directory.CreateStore();
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
        var store = directory.CreateStore();
        await store.InitializeAsync();
        var hold = store.HoldWriter();
        var commits = Enumerable.Range(0, 50).Select(i => store.CommitAsync(Commit($"s/{i}", 0, [Event(1)]))).ToArray();

        var disposing = store.DisposeAsync();
        hold.Dispose();
        await disposing;

        await Task.WhenAll(commits);
        await using var reopened = directory.CreateStore();
        for (var i = 0; i < 50; i++)
        {
            Assert.NotNull(await reopened.LoadAsync($"s/{i}"));
        }
    }

    [Fact]
    public async Task CommitAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var store = directory.CreateStore();
        await store.InitializeAsync();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.CommitAsync(Commit("s", 0, [Event(1)])));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.LoadAsync("s"));
    }

    [Fact]
    public async Task SetAsync_QueuedWithCommits_LandsInTheSameBatch()
    {
        await using var store = directory.CreateStore();
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
    public async Task CommitAsync_BatchTransactionFailsAsAWhole_EveryCommitOfTheBatchFailsAndTheNextBatchWorks()
    {
        await using var store = directory.CreateStore();
        await store.InitializeAsync();

        Task first, second, broken;
        using (store.HoldWriter())
        {
            first = store.CommitAsync(Commit("s/1", 0, [Event(1)]));
            second = store.CommitAsync(Commit("s/2", 0, [Event(1)]));
            broken = store.EnqueueAsync(new DiskFailureRequest());
        }

        // SQLITE_IOERR is the store's infrastructure failing: every caller is told so, and that nothing was committed.
        var ioError = await Assert.ThrowsAsync<StoreUnavailableException>(() => first);
        Assert.Same(ioError, await Assert.ThrowsAsync<StoreUnavailableException>(() => second));
        Assert.Same(ioError, await Assert.ThrowsAsync<StoreUnavailableException>(() => broken));
        Assert.False(ioError.MayHaveCommitted);
        Assert.Null(await store.LoadAsync("s/1"));
        await store.CommitAsync(Commit("s/1", 0, [Event(1)]));
        Assert.NotNull(await store.LoadAsync("s/1"));
    }

    public void Dispose() => directory.Dispose();

    /// <summary>Fails the way a full disk or an IO error does: not confined to one request.</summary>
    private sealed class DiskFailureRequest() : WriteRequest(CancellationToken.None)
    {
        private const int SqliteIoError = 10;

        public override void Apply(WriterStatements statements) => throw new SqliteException("disk I/O error", SqliteIoError);
    }
}
