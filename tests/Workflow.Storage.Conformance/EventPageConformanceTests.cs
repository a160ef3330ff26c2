using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Conformance;

/// <summary>How every store pages a stream's events (<see cref="IAggregateStore.ReadEventPageAsync"/>).</summary>
public abstract class EventPageConformanceTests : StoreConformanceTests
{
    private const int Unbounded = int.MaxValue;

    [Fact]
    public async Task ReadEventPageAsync_OldestFirst_WalksTheStreamInSeqOrderAndEndsWithoutMore()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("project/P1", 0, [.. Enumerable.Range(1, 7).Select(seq => Event(seq))]));
        await store.Aggregates.CommitAsync(Commit("project/P2", 0, [Event(1), Event(2)]));

        var first = await store.Aggregates.ReadEventPageAsync("project/P1", new EventPageQuery(null, false, 3, Unbounded));
        var second = await store.Aggregates.ReadEventPageAsync("project/P1", new EventPageQuery(3, false, 3, Unbounded));
        var last = await store.Aggregates.ReadEventPageAsync("project/P1", new EventPageQuery(6, false, 3, Unbounded));

        Assert.Equal([1L, 2L, 3L], first.Events.Select(e => e.Seq));
        Assert.True(first.HasMore);
        Assert.Equal([4L, 5L, 6L], second.Events.Select(e => e.Seq));
        Assert.True(second.HasMore);
        Assert.Equal([7L], last.Events.Select(e => e.Seq));
        Assert.False(last.HasMore);
    }

    [Fact]
    public async Task ReadEventPageAsync_ExactlyFullLastPage_HasNoMore()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("project/P1", 0, [.. Enumerable.Range(1, 4).Select(seq => Event(seq))]));

        var page = await store.Aggregates.ReadEventPageAsync("project/P1", new EventPageQuery(null, false, 4, Unbounded));

        Assert.Equal(4, page.Events.Count);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task ReadEventPageAsync_NewestFirst_WalksBackwardsFromTheNewest()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("project/P1", 0, [.. Enumerable.Range(1, 5).Select(seq => Event(seq))]));

        var first = await store.Aggregates.ReadEventPageAsync("project/P1", new EventPageQuery(null, true, 2, Unbounded));
        var second = await store.Aggregates.ReadEventPageAsync("project/P1", new EventPageQuery(4, true, 2, Unbounded));
        var last = await store.Aggregates.ReadEventPageAsync("project/P1", new EventPageQuery(2, true, 2, Unbounded));

        Assert.Equal([5L, 4L], first.Events.Select(e => e.Seq));
        Assert.True(first.HasMore);
        Assert.Equal([3L, 2L], second.Events.Select(e => e.Seq));
        Assert.True(second.HasMore);
        Assert.Equal([1L], last.Events.Select(e => e.Seq));
        Assert.False(last.HasMore);
    }

    [Fact]
    public async Task ReadEventPageAsync_ByteBudget_StopsBeforeTheEventThatWouldPassItButKeepsOne()
    {
        var store = await OpenStoreAsync();
        var reason = new string('理', 100); // 300 UTF-8 bytes each
        await store.Aggregates.CommitAsync(Commit("project/P1", 0, [.. Enumerable.Range(1, 5).Select(seq => Event(seq, reason: reason))]));

        var page = await store.Aggregates.ReadEventPageAsync("project/P1", new EventPageQuery(null, false, 10, 700));
        var tiny = await store.Aggregates.ReadEventPageAsync("project/P1", new EventPageQuery(null, false, 10, 1));

        Assert.Equal([1L, 2L], page.Events.Select(e => e.Seq));
        Assert.True(page.HasMore);
        Assert.Equal([1L], tiny.Events.Select(e => e.Seq));
        Assert.True(tiny.HasMore);
        AssertSameEvent(Event(1, reason: reason), page.Events[0]);
    }

    [Fact]
    public async Task ReadEventPageAsync_UnknownStreamOrPastTheEnd_IsAnEmptyPageWithoutMore()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("project/P1", 0, [Event(1), Event(2)]));

        var unknown = await store.Aggregates.ReadEventPageAsync("project/none", new EventPageQuery(null, false, 10, Unbounded));
        var past = await store.Aggregates.ReadEventPageAsync("project/P1", new EventPageQuery(2, false, 10, Unbounded));
        var before = await store.Aggregates.ReadEventPageAsync("project/P1", new EventPageQuery(1, true, 10, Unbounded));

        Assert.Empty(unknown.Events);
        Assert.False(unknown.HasMore);
        Assert.Empty(past.Events);
        Assert.False(past.HasMore);
        Assert.Empty(before.Events);
        Assert.False(before.HasMore);
    }

    [Fact]
    public async Task ReadEventPageAsync_NoRoomForAnEvent_Throws()
    {
        var store = await OpenStoreAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            store.Aggregates.ReadEventPageAsync("project/P1", new EventPageQuery(null, false, 0, Unbounded)));
    }
}
