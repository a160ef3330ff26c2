using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Conformance;

/// <summary>What every <see cref="IDeadlineStore"/> must do; deadlines are written only through commits.</summary>
public abstract class DeadlineStoreConformanceTests : StoreConformanceTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task NextAsync_NoDeadlines_ReturnsNull()
    {
        var store = await OpenStoreAsync();

        Assert.Null(await store.Deadlines.NextAsync());
        Assert.Empty(await store.Deadlines.DueAsync(Now, 10));
    }

    [Fact]
    public async Task DueAsync_DeadlinesWithMixedOffsets_ReturnsThoseAtOrBeforeNowEarliestFirst()
    {
        var store = await OpenStoreAsync();
        var anHourAgo = Now.AddHours(-1);
        var exactlyNow = Now.ToOffset(TimeSpan.FromHours(-5));
        var twoHoursAgo = Now.AddHours(-2).ToUniversalTime();
        await SetDeadlineAsync(store, "a", anHourAgo);
        await SetDeadlineAsync(store, "b", exactlyNow);
        await SetDeadlineAsync(store, "c", twoHoursAgo);
        await SetDeadlineAsync(store, "d", Now.AddTicks(1));

        var due = await store.Deadlines.DueAsync(Now, 10);

        Assert.Equal(["c", "a", "b"], due.Select(d => d.StreamId));
        AssertSameInstant(twoHoursAgo, due[0].DueAt);
        AssertSameInstant(anHourAgo, due[1].DueAt);
        AssertSameInstant(exactlyNow, due[2].DueAt);
    }

    [Fact]
    public async Task DueAsync_MoreDueThanMax_ReturnsTheEarliestMax()
    {
        var store = await OpenStoreAsync();
        for (var i = 0; i < 5; i++)
        {
            await SetDeadlineAsync(store, $"s{i}", Now.AddMinutes(-10 * i));
        }

        var due = await store.Deadlines.DueAsync(Now, 2);

        Assert.Equal(["s4", "s3"], due.Select(d => d.StreamId));
    }

    [Fact]
    public async Task NextAsync_SeveralDeadlines_ReturnsTheEarliestWithItsOffset()
    {
        var store = await OpenStoreAsync();
        var earliest = new DateTimeOffset(2025, 3, 11, 1, 0, 0, TimeSpan.FromHours(-7));
        await SetDeadlineAsync(store, "a", Now.AddDays(2));
        await SetDeadlineAsync(store, "b", earliest);
        await SetDeadlineAsync(store, "c", Now.AddDays(3));

        AssertSameInstant(earliest, await store.Deadlines.NextAsync());
    }

    [Fact]
    public async Task CommitAsync_DeadlineMoved_ReplacesThePreviousOne()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("s", 0, [Event(1)], deadline: new(Now.AddHours(1))));

        await store.Aggregates.CommitAsync(Commit("s", 1, [Event(2)], deadline: new(Now.AddHours(3))));

        Assert.Empty(await store.Deadlines.DueAsync(Now.AddHours(2), 10));
        AssertSameInstant(Now.AddHours(3), await store.Deadlines.NextAsync());
        Assert.Single(await store.Deadlines.DueAsync(Now.AddHours(3), 10));
    }

    [Fact]
    public async Task CommitAsync_DeadlineCleared_RemovesIt()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("s", 0, [Event(1)], deadline: new(Now)));

        await store.Aggregates.CommitAsync(Commit("s", 1, [Event(2)], deadline: new(null)));

        Assert.Null(await store.Deadlines.NextAsync());
        Assert.Empty(await store.Deadlines.DueAsync(Now.AddYears(1), 10));
    }

    [Fact]
    public async Task CommitAsync_NoDeadlineChange_KeepsTheExistingOne()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("s", 0, [Event(1)], deadline: new(Now)));

        await store.Aggregates.CommitAsync(Commit("s", 1, [Event(2)]));

        AssertSameInstant(Now, await store.Deadlines.NextAsync());
    }

    private static Task SetDeadlineAsync(StoreUnderTest store, string streamId, DateTimeOffset dueAt) =>
        store.Aggregates.CommitAsync(Commit(streamId, 0, [Event(1)], deadline: new(dueAt)));
}
