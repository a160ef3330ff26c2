using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Conformance;

/// <summary>How every store feeds its history to projections (<see cref="IHistoryFeed"/>).</summary>
public abstract class HistoryFeedConformanceTests : StoreConformanceTests
{
    [Fact]
    public async Task ReadAsync_CommitsOfSeveralStreams_ReturnsEveryEventOnceInCommitOrder()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("project/A", 0, [Event(1), Event(2)]));
        await store.Aggregates.CommitAsync(Commit("quota/330502", 0, [Event(1)]));
        await store.Aggregates.CommitAsync(Commit("project/A", 1, [Event(3)]));

        var events = await SettledAsync(store.Feed, FeedPosition.Start, 100);

        Assert.Equal(
            ["project/A#1", "project/A#2", "quota/330502#1", "project/A#3"],
            events.Select(e => $"{e.StreamId}#{e.Event.Seq}"));
        Assert.True(events.Zip(events.Skip(1)).All(pair => pair.First.Position < pair.Second.Position));
        AssertSameEvent(Event(3), events[^1].Event);
    }

    [Fact]
    public async Task ReadAsync_AfterAPosition_ReturnsOnlyLaterEventsUpToMax()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("project/A", 0, [.. Enumerable.Range(1, 5).Select(seq => Event(seq))]));
        var all = await SettledAsync(store.Feed, FeedPosition.Start, 100);

        var page = await SettledAsync(store.Feed, all[1].Position, 2);

        Assert.Equal([3L, 4L], page.Select(e => e.Event.Seq));
        Assert.Equal(3, await store.Feed.CountAfterAsync(all[1].Position));
        Assert.Empty(await SettledAsync(store.Feed, all[^1].Position, 100));
        Assert.Equal(0, await store.Feed.CountAfterAsync(all[^1].Position));
    }

    [Fact]
    public async Task ReadAsync_ACommitRefusedForItsVersion_FeedsNothingOfIt()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("project/A", 0, [Event(1)]));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.Aggregates.CommitAsync(Commit("project/A", 0, [Event(1, kind: "other")])));

        var events = await SettledAsync(store.Feed, FeedPosition.Start, 100);
        Assert.Equal(["StepCompleted"], events.Select(e => e.Event.Kind));
    }

    [Fact]
    public async Task ReadAsync_AfterReopening_ContinuesFromTheSamePositions()
    {
        var first = await OpenStoreAsync();
        await first.Aggregates.CommitAsync(Commit("project/A", 0, [Event(1)]));
        var before = await SettledAsync(first.Feed, FeedPosition.Start);
        await first.DisposeAsync();

        var second = await OpenStoreAsync();
        await second.Aggregates.CommitAsync(Commit("project/A", 1, [Event(2)]));

        var after = await SettledAsync(second.Feed, before[^1].Position);
        Assert.Equal([2L], after.Select(e => e.Event.Seq));
        Assert.Equal(before[0].Position, (await second.Feed.ReadAsync(FeedPosition.Start, 1))[0].Position);
    }

    /// <summary>The feed after <paramref name="after"/> once nothing committed is held back any more: on PostgreSQL a write
    /// transaction of another test on the same server holds the feed back until it ends.</summary>
    public static async Task<IReadOnlyList<FeedEvent>> SettledAsync(IHistoryFeed feed, FeedPosition after, int max = 1000)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var committed = await feed.CountAfterAsync(after);
            var events = await feed.ReadAsync(after, max);
            if (events.Count >= Math.Min(committed, max) || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                return events;
            }

            await Task.Delay(10);
        }
    }
}
