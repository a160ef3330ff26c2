using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Conformance;

/// <summary>What every <see cref="IAggregateStore"/> must do, whatever engine is underneath.</summary>
public abstract class AggregateStoreConformanceTests : StoreConformanceTests
{
    [Fact]
    public async Task LoadAsync_UnknownStream_ReturnsNull()
    {
        var store = await OpenStoreAsync();

        Assert.Null(await store.Aggregates.LoadAsync("project/none"));
        Assert.Empty(await store.Aggregates.ReadEventsAsync("project/none"));
    }

    [Fact]
    public async Task CommitAsync_NewStream_LoadReturnsStateVersionAndLastSeq()
    {
        var store = await OpenStoreAsync();

        await store.Aggregates.CommitAsync(Commit("project/P1", 0, [Event(1), Event(2)], stateJson: """{"stage":"filed"}"""));

        var snapshot = await store.Aggregates.LoadAsync("project/P1");
        Assert.Equal(new AggregateSnapshot(1, """{"stage":"filed"}""", 2), snapshot);
    }

    [Fact]
    public async Task CommitAsync_FollowUpCommits_AdvanceVersionAndLastSeq()
    {
        var store = await OpenStoreAsync();

        await store.Aggregates.CommitAsync(Commit("project/P1", 0, [Event(1)]));
        await store.Aggregates.CommitAsync(Commit("project/P1", 1, [Event(2), Event(3)], stateJson: "{\"n\":2}"));
        await store.Aggregates.CommitAsync(Commit("project/P1", 2, [], stateJson: "{\"n\":3}"));

        // A commit without events keeps the last sequence number it had.
        Assert.Equal(new AggregateSnapshot(3, "{\"n\":3}", 3), await store.Aggregates.LoadAsync("project/P1"));
    }

    [Fact]
    public async Task ReadEventsAsync_AfterSeveralCommits_ReturnsAllFieldsInSeqOrderWithOffsets()
    {
        var store = await OpenStoreAsync();
        StoredEvent[] expected =
        [
            new(1, new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)).AddTicks(1234567), "li.wei", "Registered", null, null, null),
            new(2, new DateTimeOffset(2025, 3, 1, 20, 0, 0, TimeSpan.FromHours(-5)), "wang.fang", "StepRejected", "survey", "boundary unclear", """{"parcel":"A-7"}"""),
            new(3, new DateTimeOffset(2025, 3, 2, 1, 0, 0, TimeSpan.Zero), "system", "DeadlinePassed", "survey", null, "{}"),
        ];

        await store.Aggregates.CommitAsync(Commit("project/P1", 0, [expected[0], expected[1]]));
        await store.Aggregates.CommitAsync(Commit("project/P1", 1, [expected[2]]));

        var events = await store.Aggregates.ReadEventsAsync("project/P1");
        Assert.Equal(expected.Length, events.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            AssertSameEvent(expected[i], events[i]);
        }
    }

    [Fact]
    public async Task ReadEventsAsync_AfterSeqAndMax_ReturnsThatWindowOfThisStreamOnly()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("project/P1", 0, [.. Enumerable.Range(1, 10).Select(seq => Event(seq))]));
        await store.Aggregates.CommitAsync(Commit("project/P2", 0, [Event(1), Event(2)]));

        var window = await store.Aggregates.ReadEventsAsync("project/P1", afterSeq: 4, max: 3);

        Assert.Equal([5L, 6L, 7L], window.Select(e => e.Seq));
        Assert.Empty(await store.Aggregates.ReadEventsAsync("project/P1", afterSeq: 10));
        Assert.Empty(await store.Aggregates.ReadEventsAsync("project/P1", max: 0));
    }

    [Fact]
    public async Task CommitAsync_StaleExpectedVersion_ThrowsAndLeavesStateEventsIndexAndDeadlineUnchanged()
    {
        var store = await OpenStoreAsync();
        var due = T0.AddDays(3);
        await store.Aggregates.CommitAsync(Commit("project/P1", 0, [Event(1)], index: Project("P1"), deadline: new(T0.AddDays(1))));
        var current = Project("P1", light: "Yellow", openSteps: ["review"]);
        await store.Aggregates.CommitAsync(Commit("project/P1", 1, [Event(2)], stateJson: "{\"n\":2}", index: current, deadline: new(due)));

        var stale = Commit(
            "project/P1", 1, [Event(3)], stateJson: "{\"stale\":true}",
            index: Project("P1", light: "Red", state: "Closed", openSteps: ["payment"]),
            deadline: new(T0.AddDays(9)));
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.Aggregates.CommitAsync(stale));

        Assert.Equal("project/P1", conflict.StreamId);
        Assert.Equal(1, conflict.ExpectedVersion);
        Assert.Equal(new AggregateSnapshot(2, "{\"n\":2}", 2), await store.Aggregates.LoadAsync("project/P1"));
        Assert.Equal([1L, 2L], (await store.Aggregates.ReadEventsAsync("project/P1")).Select(e => e.Seq));
        var page = await store.Projects.QueryAsync(new ProjectQuery());
        AssertSameEntry(current, Assert.Single(page.Items));
        AssertSameInstant(due, await store.Deadlines.NextAsync());
    }

    [Fact]
    public async Task CommitAsync_ExpectedVersionZeroOnExistingStream_ThrowsConflict()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("project/P1", 0, [Event(1)], stateJson: "{\"first\":true}"));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => store.Aggregates.CommitAsync(Commit("project/P1", 0, [Event(2)], stateJson: "{\"second\":true}")));

        Assert.Equal(new AggregateSnapshot(1, "{\"first\":true}", 1), await store.Aggregates.LoadAsync("project/P1"));
        Assert.Single(await store.Aggregates.ReadEventsAsync("project/P1"));
    }

    [Fact]
    public async Task CommitAsync_NonZeroExpectedVersionOnMissingStream_ThrowsConflict()
    {
        var store = await OpenStoreAsync();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.Aggregates.CommitAsync(Commit("project/P1", 3, [Event(1)])));

        Assert.Null(await store.Aggregates.LoadAsync("project/P1"));
    }

    [Fact]
    public async Task CommitAsync_EventSeqAlreadyStored_FailsAndWritesNothingOfThatCommit()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("project/P1", 0, [Event(1)], stateJson: "{\"n\":1}"));

        // The stream row is written before the duplicate event is met; it must be undone with it.
        await Assert.ThrowsAnyAsync<Exception>(
            () => store.Aggregates.CommitAsync(Commit("project/P1", 1, [Event(2), Event(1)], index: Project("P1"))));

        Assert.Equal(new AggregateSnapshot(1, "{\"n\":1}", 1), await store.Aggregates.LoadAsync("project/P1"));
        Assert.Single(await store.Aggregates.ReadEventsAsync("project/P1"));
        Assert.Equal(0, (await store.Projects.QueryAsync(new ProjectQuery())).Total);
        await store.Aggregates.CommitAsync(Commit("project/P1", 1, [Event(2)]));
        Assert.Equal(2, (await store.Aggregates.LoadAsync("project/P1"))!.Version);
    }

    [Fact]
    public async Task CommitAsync_CanceledBeforeCall_ThrowsAndWritesNothing()
    {
        var store = await OpenStoreAsync();
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => store.Aggregates.CommitAsync(Commit("project/P1", 0, [Event(1)]), canceled.Token));

        Assert.Null(await store.Aggregates.LoadAsync("project/P1"));
    }

    [Fact]
    public async Task CommitAsync_ConflictingCommitsAmongConcurrentOnes_OnlyTheConflictingOnesFail()
    {
        var store = await OpenStoreAsync();
        for (var i = 0; i < 10; i++)
        {
            await store.Aggregates.CommitAsync(Commit($"seed/{i}", 0, [Event(1)]));
        }

        var fresh = Enumerable.Range(0, 100).Select(i => Commit($"fresh/{i}", 0, [Event(1)]));
        var advancing = Enumerable.Range(0, 10).Select(i => Commit($"seed/{i}", 1, [Event(2)]));
        var recreating = Enumerable.Range(0, 10).Select(i => Commit($"seed/{i}", 0, [Event(7)]));
        var fromTheFuture = Enumerable.Range(0, 10).Select(i => Commit($"seed/{i}", 5, [Event(8)]));
        var all = fresh.Concat(advancing).Concat(recreating).Concat(fromTheFuture).ToList();

        var outcomes = await Task.WhenAll(all.Select(commit => OutcomeOfAsync(store.Aggregates.CommitAsync(commit))));

        Assert.All(outcomes.Take(110), outcome => Assert.Null(outcome));
        Assert.All(outcomes.Skip(110), outcome => Assert.IsType<ConcurrencyConflictException>(outcome));
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(1, (await store.Aggregates.LoadAsync($"fresh/{i}"))!.Version);
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(new AggregateSnapshot(2, """{"v":2}""", 2), await store.Aggregates.LoadAsync($"seed/{i}"));
            Assert.Equal([1L, 2L], (await store.Aggregates.ReadEventsAsync($"seed/{i}")).Select(e => e.Seq));
        }
    }

    [Fact]
    public async Task CommitAsync_ThousandCommitsFromManyConcurrentTasks_AllLand()
    {
        const int Streams = 100;
        const int CommitsPerStream = 10;
        var store = await OpenStoreAsync();

        // Each task owns a stream and commits in version order, as a grain would.
        var writers = Enumerable.Range(0, Streams).Select(s => Task.Run(async () =>
        {
            for (var version = 0; version < CommitsPerStream; version++)
            {
                await store.Aggregates.CommitAsync(Commit($"load/{s}", version, [Event(version + 1)]));
            }
        }));
        await Task.WhenAll(writers);

        for (var s = 0; s < Streams; s++)
        {
            Assert.Equal(new AggregateSnapshot(CommitsPerStream, $$"""{"v":{{CommitsPerStream}}}""", CommitsPerStream),
                await store.Aggregates.LoadAsync($"load/{s}"));
            Assert.Equal(
                Enumerable.Range(1, CommitsPerStream).Select(seq => (long)seq),
                (await store.Aggregates.ReadEventsAsync($"load/{s}")).Select(e => e.Seq));
        }
    }

    [Fact]
    public async Task CommitAsync_StoreReopened_EverythingCommittedIsThere()
    {
        var first = await OpenStoreAsync();
        var entry = Project("P1", openSteps: ["survey", "review"]);
        var due = new DateTimeOffset(2025, 4, 1, 8, 30, 0, TimeSpan.FromHours(8));
        await first.Aggregates.CommitAsync(Commit("project/P1", 0, [Event(1)], index: entry, deadline: new(due)));
        await first.Aggregates.CommitAsync(Commit("project/P1", 1, [Event(2, reason: "ok")], stateJson: "{\"n\":2}"));
        await first.Settings.SetAsync("dev-clock", "2025-03-01T09:00:00+08:00");
        await first.DisposeAsync();

        var second = await OpenStoreAsync();

        Assert.Equal(new AggregateSnapshot(2, "{\"n\":2}", 2), await second.Aggregates.LoadAsync("project/P1"));
        var events = await second.Aggregates.ReadEventsAsync("project/P1");
        AssertSameEvent(Event(1), events[0]);
        AssertSameEvent(Event(2, reason: "ok"), events[1]);
        AssertSameEntry(entry, Assert.Single((await second.Projects.QueryAsync(new ProjectQuery())).Items));
        AssertSameInstant(due, await second.Deadlines.NextAsync());
        Assert.Equal("2025-03-01T09:00:00+08:00", await second.Settings.GetAsync("dev-clock"));
        await second.Aggregates.CommitAsync(Commit("project/P1", 2, [Event(3)]));
    }

    [Fact]
    public async Task CommitAsync_WithArchive_EachRecordLoadsByKeyAndStreamsKeepTheirOwn()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("ledger/A", 0, [Event(1)]));
        await store.Aggregates.CommitAsync(Commit("ledger/B", 0, [Event(1)], archive: [Record("r/1", """{"b":1}""")]));

        await store.Aggregates.CommitAsync(Commit(
            "ledger/A", 1, [Event(2)], stateJson: """{"open":[]}""", archive: [Record("r/1", """{"a":1}"""), Record("r/2", """{"a":"两"}""")]));

        Assert.Equal(new AggregateSnapshot(2, """{"open":[]}""", 2), await store.Aggregates.LoadAsync("ledger/A"));
        Assert.Equal("""{"a":1}""", await store.Aggregates.LoadArchivedAsync("ledger/A", "r/1"));
        Assert.Equal("""{"a":"两"}""", await store.Aggregates.LoadArchivedAsync("ledger/A", "r/2"));
        Assert.Equal("""{"b":1}""", await store.Aggregates.LoadArchivedAsync("ledger/B", "r/1"));
        Assert.Null(await store.Aggregates.LoadArchivedAsync("ledger/A", "r/3"));
        Assert.Null(await store.Aggregates.LoadArchivedAsync("ledger/none", "r/1"));
    }

    [Fact]
    public async Task ReadArchiveAsync_AfterKeyAndMax_PagesThroughOneStreamInKeyOrder()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("ledger/A", 0, [], archive: [Record("r/3"), Record("r/1"), Record("t/1")]));
        await store.Aggregates.CommitAsync(Commit("ledger/A", 1, [], archive: [Record("r/2"), Record("r/10")]));
        await store.Aggregates.CommitAsync(Commit("ledger/B", 0, [], archive: [Record("r/0")]));

        var all = await store.Aggregates.ReadArchiveAsync("ledger/A");
        var page = await store.Aggregates.ReadArchiveAsync("ledger/A", afterKey: "r/10", max: 2);

        Assert.Equal(["r/1", "r/10", "r/2", "r/3", "t/1"], all.Select(r => r.Key));
        Assert.Equal("""{"key":"r/2"}""", all[2].Json);
        Assert.Equal(["r/2", "r/3"], page.Select(r => r.Key));
        Assert.Empty(await store.Aggregates.ReadArchiveAsync("ledger/A", afterKey: "t/1"));
        Assert.Empty(await store.Aggregates.ReadArchiveAsync("ledger/A", max: 0));
        Assert.Empty(await store.Aggregates.ReadArchiveAsync("ledger/none"));
    }

    [Fact]
    public async Task CommitAsync_ArchiveKeyAlreadyStored_FailsAndWritesNothingOfThatCommit()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("ledger/A", 0, [Event(1)], stateJson: "{\"n\":1}", archive: [Record("r/1", "{\"first\":true}")]));

        // Archived records are written once: a second write of a key must not replace what the first settled.
        await Assert.ThrowsAnyAsync<Exception>(() => store.Aggregates.CommitAsync(
            Commit("ledger/A", 1, [Event(2)], stateJson: "{\"n\":2}", archive: [Record("r/2"), Record("r/1", "{\"second\":true}")])));

        Assert.Equal(new AggregateSnapshot(1, "{\"n\":1}", 1), await store.Aggregates.LoadAsync("ledger/A"));
        Assert.Single(await store.Aggregates.ReadEventsAsync("ledger/A"));
        Assert.Equal("{\"first\":true}", await store.Aggregates.LoadArchivedAsync("ledger/A", "r/1"));
        Assert.Null(await store.Aggregates.LoadArchivedAsync("ledger/A", "r/2"));
        await store.Aggregates.CommitAsync(Commit("ledger/A", 1, [Event(2)], archive: [Record("r/2")]));
        Assert.Equal(2, (await store.Aggregates.ReadArchiveAsync("ledger/A")).Count);
    }

    [Fact]
    public async Task CommitAsync_SameArchiveKeyTwiceInOneCommit_FailsAndWritesNothing()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("ledger/A", 0, [Event(1)]));

        await Assert.ThrowsAnyAsync<Exception>(
            () => store.Aggregates.CommitAsync(Commit("ledger/A", 1, [Event(2)], archive: [Record("r/1"), Record("r/1")])));

        Assert.Equal(1, (await store.Aggregates.LoadAsync("ledger/A"))!.Version);
        Assert.Empty(await store.Aggregates.ReadArchiveAsync("ledger/A"));
    }

    [Fact]
    public async Task CommitAsync_ConflictingCommitsWithArchivesAmongConcurrentOnes_OnlyTheWinnersRecordsAreKept()
    {
        var store = await OpenStoreAsync();
        for (var i = 0; i < 10; i++)
        {
            await store.Aggregates.CommitAsync(Commit($"ledger/{i}", 0, [Event(1)]));
        }

        var winners = Enumerable.Range(0, 10).Select(i => Commit($"ledger/{i}", 1, [Event(2)], archive: [Record("won"), Record("both")]));
        var losers = Enumerable.Range(0, 10).Select(i => Commit($"ledger/{i}", 7, [Event(9)], archive: [Record("lost"), Record("both", "{}")]));
        var fresh = Enumerable.Range(0, 50).Select(i => Commit($"fresh/{i}", 0, [Event(1)], archive: [Record($"r/{i}")]));

        var outcomes = await Task.WhenAll(winners.Concat(losers).Concat(fresh).Select(c => OutcomeOfAsync(store.Aggregates.CommitAsync(c))));

        Assert.All(outcomes.Take(10).Concat(outcomes.Skip(20)), outcome => Assert.Null(outcome));
        Assert.All(outcomes.Skip(10).Take(10), outcome => Assert.IsType<ConcurrencyConflictException>(outcome));
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(["both", "won"], (await store.Aggregates.ReadArchiveAsync($"ledger/{i}")).Select(r => r.Key));
            Assert.Equal("""{"key":"both"}""", await store.Aggregates.LoadArchivedAsync($"ledger/{i}", "both"));
        }

        for (var i = 0; i < 50; i++)
        {
            Assert.NotNull(await store.Aggregates.LoadArchivedAsync($"fresh/{i}", $"r/{i}"));
        }
    }

    [Fact]
    public async Task CommitAsync_StoreReopened_ArchivedRecordsAreThere()
    {
        var first = await OpenStoreAsync();
        await first.Aggregates.CommitAsync(Commit("ledger/A", 0, [Event(1)], archive: [Record("r/1")]));
        await first.DisposeAsync();

        var second = await OpenStoreAsync();

        Assert.Equal("""{"key":"r/1"}""", await second.Aggregates.LoadArchivedAsync("ledger/A", "r/1"));
        await Assert.ThrowsAnyAsync<Exception>(() => second.Aggregates.CommitAsync(Commit("ledger/A", 1, [], archive: [Record("r/1")])));
    }

    [Fact]
    public async Task CommitAsync_ArchivedRecordWithoutKey_ThrowsArgumentExceptionAndWritesNothing()
    {
        var store = await OpenStoreAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => store.Aggregates.CommitAsync(Commit("ledger/A", 0, [Event(1)], archive: [Record("")])));

        Assert.Null(await store.Aggregates.LoadAsync("ledger/A"));
    }

    private static async Task<Exception?> OutcomeOfAsync(Task commit)
    {
        try
        {
            await commit;
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
