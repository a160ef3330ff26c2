using Npgsql;
using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Postgres.Tests;

/// <summary>Silos commit at the same time: the feed must never pass over a transaction that is still running.</summary>
public sealed class PostgresHistoryFeedOrderTests(PostgresTestDatabase database) : PostgresStoreTest(database)
{
    [Fact]
    public async Task ReadAsync_AnEarlierTransactionStillOpen_HoldsBackWhatCommittedAfterItUntilItEnds()
    {
        var store = CreateStore();
        await store.CommitAsync(Commit("project/A", 0, [Event(1)]));
        Assert.Single(await HistoryFeedConformanceTests.SettledAsync(store, FeedPosition.Start));

        // Another silo's batch: it takes its transaction id now and commits last.
        await using var other = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { SearchPath = Schema }.ConnectionString);
        await other.OpenAsync();
        await using var slow = await other.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO streams (stream_id, version, state_json, last_seq) VALUES ('project/B', 1, '{}', 1);
            INSERT INTO events (stream_id, seq, at_utc_ticks, at_offset_minutes, actor, kind) VALUES ('project/B', 1, 0, 0, 'slow', 'registered');
            """, other, slow))
        {
            await insert.ExecuteNonQueryAsync();
        }

        await store.CommitAsync(Commit("project/A", 1, [Event(2)]));
        var whileOpen = await store.ReadAsync(FeedPosition.Start, 100);
        await slow.CommitAsync();
        var afterwards = await HistoryFeedConformanceTests.SettledAsync(store, FeedPosition.Start);
        var resumed = await HistoryFeedConformanceTests.SettledAsync(store, whileOpen[^1].Position);

        Assert.Equal(["project/A#1"], whileOpen.Select(e => $"{e.StreamId}#{e.Event.Seq}"));
        Assert.Equal(["project/A#1", "project/B#1", "project/A#2"], afterwards.Select(e => $"{e.StreamId}#{e.Event.Seq}"));
        Assert.Equal(["project/B#1", "project/A#2"], resumed.Select(e => $"{e.StreamId}#{e.Event.Seq}"));
    }
}
