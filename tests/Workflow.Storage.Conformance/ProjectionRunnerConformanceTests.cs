using Microsoft.Extensions.Time.Testing;
using Workflow.Projections;
using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Conformance;

/// <summary>How a projection is fed on every store: each event applied exactly once, whoever runs it.</summary>
public abstract class ProjectionRunnerConformanceTests : StoreConformanceTests
{
    private readonly FakeTimeProvider time = new(T0);

    [Fact]
    public async Task CatchUpAsync_NewEvents_AppliesEachOnceAndAdvancesTheCheckpoint()
    {
        var store = await OpenWithTallyAsync();
        await store.Aggregates.CommitAsync(Commit("project/A", 0, [Event(1), Event(2)]));
        await store.Aggregates.CommitAsync(Commit("project/B", 0, [Event(1)]));
        var runner = Runner(store);

        var applied = await runner.CatchUpAsync(batchSize: 2);
        await store.Aggregates.CommitAsync(Commit("project/A", 1, [Event(3)]));
        var appliedLater = await runner.CatchUpAsync(batchSize: 2);

        Assert.Equal(3, applied);
        Assert.Equal(1, appliedLater);
        Assert.Equal(["project/A#1", "project/A#2", "project/A#3", "project/B#1"], await TallyAsync(store));
        var progress = await runner.ProgressAsync();
        Assert.Equal(4, progress.Applied);
        Assert.Equal(0, progress.Remaining);
        Assert.Equal(T0.UtcTicks, progress.UpdatedAtUtcTicks);
    }

    [Fact]
    public async Task RunOnceAsync_TwoRunnersRacing_ApplyEveryEventExactlyOnce()
    {
        var store = await OpenWithTallyAsync();
        for (var i = 1; i <= 40; i++)
        {
            await store.Aggregates.CommitAsync(Commit($"project/P{i}", 0, [Event(1), Event(2)]));
        }

        var first = Runner(store);
        var second = Runner(store);

        // The tally's primary key would refuse a second application of any event: the race must never get that far.
        await Task.WhenAll(first.CatchUpAsync(batchSize: 7), second.CatchUpAsync(batchSize: 5));

        Assert.Equal(80, (await TallyAsync(store)).Count);
        Assert.Equal(80, (await first.ProgressAsync()).Applied);
    }

    [Fact]
    public async Task ResetAsync_ThenCatchUp_RebuildsTheSameRowsFromTheStart()
    {
        var store = await OpenWithTallyAsync();
        await store.Aggregates.CommitAsync(Commit("project/A", 0, [Event(1), Event(2)]));
        var runner = Runner(store);
        await runner.CatchUpAsync();
        var before = await TallyAsync(store);

        await runner.ResetAsync();
        var emptied = await TallyAsync(store);
        var reapplied = await runner.CatchUpAsync();

        Assert.Empty(emptied);
        Assert.Equal(2, reapplied);
        Assert.Equal(before, await TallyAsync(store));
    }

    [Fact]
    public async Task RunOnceAsync_AProjectionThatFails_LeavesItsCheckpointAndRowsAsTheyWere()
    {
        var store = await OpenWithTallyAsync();
        await store.Aggregates.CommitAsync(Commit("project/A", 0, [Event(1), Event(2, kind: "poison")]));
        var failing = new ProjectionRunner(new EventTally(failOn: "poison"), store.Feed, store.ReadModels, time);
        // On PostgreSQL another test's open transaction holds the feed back: the poison must be visible before the run.
        Assert.Equal(2, (await HistoryFeedConformanceTests.SettledAsync(store.Feed, FeedPosition.Start)).Count);

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.RunOnceAsync());

        Assert.Empty(await TallyAsync(store));
        Assert.Equal(0, (await failing.ProgressAsync()).Applied);
        Assert.Equal(2, await Runner(store).CatchUpAsync());
    }

    [Fact]
    public async Task RunOnceAsync_ReadModelOfTheVersionBefore_IsRebuiltAndEqualsAFreshBuild()
    {
        var store = await OpenWithTallyAsync();
        await store.Aggregates.CommitAsync(Commit("project/A", 0, [Event(1), Event(2)]));
        await store.Aggregates.CommitAsync(Commit("project/B", 0, [Event(1)]));
        await new ProjectionRunner(new EventTally(version: 1), store.Feed, store.ReadModels, time).CatchUpAsync(batchSize: 2);
        await store.Aggregates.CommitAsync(Commit("project/A", 1, [Event(3)]));
        var log = new RebuildLog();
        var upgraded = new ProjectionRunner(new EventTally(version: 2), store.Feed, store.ReadModels, time, log);

        var applied = await upgraded.CatchUpAsync(batchSize: 1);
        var rebuilt = await TallyAsync(store);
        await upgraded.ResetAsync();
        await upgraded.CatchUpAsync();

        Assert.Equal(4, applied);
        Assert.Equal(["project/A#1@2", "project/A#2@2", "project/A#3@2", "project/B#1@2"], rebuilt);
        Assert.Equal(await TallyAsync(store), rebuilt);
        Assert.Equal(4, (await upgraded.ProgressAsync()).Applied);
        Assert.Equal(["started test-tally 1->2 4", "progress 1/4", "progress 2/4", "progress 3/4", "finished 4/4"], log.Lines);
    }

    [Fact]
    public async Task RunOnceAsync_ReadModelOfANewerVersion_AppliesNothing()
    {
        var store = await OpenWithTallyAsync();
        await store.Aggregates.CommitAsync(Commit("project/A", 0, [Event(1)]));
        await new ProjectionRunner(new EventTally(version: 3), store.Feed, store.ReadModels, time).CatchUpAsync();
        await store.Aggregates.CommitAsync(Commit("project/A", 1, [Event(2)]));
        var older = new ProjectionRunner(new EventTally(version: 2), store.Feed, store.ReadModels, time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => older.RunOnceAsync());

        Assert.Equal(["project/A#1@3"], await TallyAsync(store));
        Assert.Equal(1, (await older.ProgressAsync()).Applied);
    }

    private ProjectionRunner Runner(StoreUnderTest store) => new(new EventTally(), store.Feed, store.ReadModels, time);

    private async Task<StoreUnderTest> OpenWithTallyAsync()
    {
        var store = await OpenStoreAsync();
        await using var connection = await store.ReadModels.OpenAsync();
        await ReadModelSql.ExecuteAsync(connection, null, EventTally.Schema, CancellationToken.None);
        return store;
    }

    private static async Task<List<string>> TallyAsync(StoreUnderTest store)
    {
        await using var connection = await store.ReadModels.OpenAsync();
        var rows = await ReadModelSql.QueryAsync(
            connection, null, "SELECT stream_id, seq, version FROM test_event_tally ORDER BY stream_id, seq",
            r => r.GetInt32(2) == 1 ? $"{r.GetString(0)}#{r.GetInt64(1)}" : $"{r.GetString(0)}#{r.GetInt64(1)}@{r.GetInt32(2)}", CancellationToken.None);
        return [.. rows];
    }

    /// <summary>The rebuild's reports, one line each.</summary>
    private sealed class RebuildLog : IProjectionRebuildLog
    {
        public List<string> Lines { get; } = [];

        public void Started(string projection, int storedVersion, int version, long events) => Lines.Add($"started {projection} {storedVersion}->{version} {events}");

        public void Progressed(ProjectionProgress progress) => Lines.Add($"progress {progress.Applied}/{progress.Applied + progress.Remaining}");

        public void Finished(ProjectionProgress progress) => Lines.Add($"finished {progress.Applied}/{progress.Applied + progress.Remaining}");
    }

    /// <summary>Records each event it is given, with its own version (a row written by another version is told apart);
    /// its primary key refuses a second application of the same event.</summary>
    private sealed class EventTally(string? failOn = null, int version = 1) : IProjection
    {
        public const string Schema = """
            CREATE TABLE IF NOT EXISTS test_event_tally (stream_id text NOT NULL, seq bigint NOT NULL, version integer NOT NULL, PRIMARY KEY (stream_id, seq));
            """;

        public string Name => "test-tally";

        public int Version => version;

        public string SqliteSchema => Schema;

        public IReadOnlyList<string> Tables => ["test_event_tally"];

        public async Task ApplyAsync(ProjectionBatch batch, CancellationToken cancellationToken)
        {
            foreach (var fed in batch.Events)
            {
                await batch.ExecuteAsync(
                    "INSERT INTO test_event_tally (stream_id, seq, version) VALUES (@stream, @seq, @version)",
                    cancellationToken, ("@stream", fed.StreamId), ("@seq", fed.Event.Seq), ("@version", version));
                if (fed.Event.Kind == failOn)
                {
                    throw new InvalidOperationException("The projection refuses this event.");
                }
            }
        }
    }
}
