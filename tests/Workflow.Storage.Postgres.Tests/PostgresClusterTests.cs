using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Postgres.Tests;

/// <summary>Several stores on one schema, as several silos of a cluster run them.</summary>
public sealed class PostgresClusterTests(PostgresTestDatabase database) : PostgresStoreTest(database)
{
    [Fact]
    public async Task CommitAsync_TwoSilosRaceOnOneStream_ExactlyOneWinsEachVersion()
    {
        const int Versions = 40;
        var silos = new[] { CreateStore(), CreateStore() };
        await Task.WhenAll(silos.Select(silo => silo.InitializeAsync()));
        var winners = new List<int>();

        for (var version = 0; version < Versions; version++)
        {
            var expected = version;
            var outcomes = await Task.WhenAll(silos.Select((silo, s) => OutcomeOfAsync(silo.CommitAsync(Commit(
                "project/P1", expected, [Event(expected + 1, actor: $"silo{s}")], stateJson: $$"""{"v":{{expected + 1}},"by":{{s}}}""")))));

            var winner = Assert.Single(Enumerable.Range(0, silos.Length), s => outcomes[s] is null);
            var loser = Assert.IsType<ConcurrencyConflictException>(outcomes[1 - winner]);
            Assert.Equal(expected, loser.ExpectedVersion);
            winners.Add(winner);
        }

        // Each silo reads what the other committed: the winners' state and events, nothing of the losers'.
        foreach (var silo in silos)
        {
            var snapshot = await silo.LoadAsync("project/P1");
            Assert.Equal(new AggregateSnapshot(Versions, $$"""{"v":{{Versions}},"by":{{winners[^1]}}}""", Versions), snapshot);
            var events = await silo.ReadEventsAsync("project/P1");
            Assert.Equal(Enumerable.Range(1, Versions).Select(seq => (long)seq), events.Select(e => e.Seq));
            Assert.Equal(winners.Select(s => $"silo{s}"), events.Select(e => e.Actor));
        }
    }

    [Fact]
    public async Task CommitAsync_TwoSilosBatchesTouchTheSameStreamsInOppositeOrder_OneWinnerPerStreamAndNoOtherFailure()
    {
        const int Streams = 30;
        var silos = new[] { CreateStore(), CreateStore() };
        await Task.WhenAll(silos.Select(silo => silo.InitializeAsync()));
        for (var i = 0; i < Streams; i++)
        {
            await silos[0].CommitAsync(Commit($"s/{i:00}", 0, [Event(1)], index: Project($"{i:00}"), deadline: new(T0)));
        }

        // Held, so each silo sends all its commits as one transaction; queued in opposite orders,
        // they would lock the rows in opposite orders (and deadlock) if the writer did not sort them.
        Task<Exception?>[] first, second;
        using (silos[0].HoldWriter())
        using (silos[1].HoldWriter())
        {
            first = [.. Enumerable.Range(0, Streams).Select(i => OutcomeOfAsync(Advance(silos[0], i, "silo0")))];
            second = [.. Enumerable.Range(0, Streams).Reverse().Select(i => OutcomeOfAsync(Advance(silos[1], i, "silo1")))];
        }

        var byStream = (await Task.WhenAll(first)).Zip((await Task.WhenAll(second)).Reverse());
        Assert.All(byStream, pair =>
        {
            Assert.True(pair.First is null ^ pair.Second is null, $"Expected one winner, got {pair.First} and {pair.Second}.");
            Assert.IsType<ConcurrencyConflictException>(pair.First ?? pair.Second);
        });
        for (var i = 0; i < Streams; i++)
        {
            Assert.Equal(2, (await silos[1].LoadAsync($"s/{i:00}"))!.Version);
        }
    }

    [Fact]
    public async Task QueryAsync_ProjectsCommittedBySeveralSilos_EverySiloListsThemAll()
    {
        var silos = new[] { CreateStore(), CreateStore(), CreateStore() };

        await Task.WhenAll(silos.SelectMany((silo, s) => Enumerable.Range(0, 20).Select(i =>
            silo.CommitAsync(Commit($"project/S{s}-{i:00}", 0, [Event(1)], index: Project($"S{s}-{i:00}", county: $"county{s}"))))));

        foreach (var silo in silos)
        {
            Assert.Equal(60, (await silo.QueryAsync(new ProjectQuery())).Total);
            Assert.Equal(20, (await silo.QueryAsync(new ProjectQuery(County: "county2"))).Total);
        }
    }

    private static Task Advance(PostgresStore silo, int stream, string actor) =>
        silo.CommitAsync(Commit(
            $"s/{stream:00}", 1, [Event(2, actor: actor)],
            index: Project($"{stream:00}", light: "Red"),
            deadline: new(T0.AddDays(1))));
}
