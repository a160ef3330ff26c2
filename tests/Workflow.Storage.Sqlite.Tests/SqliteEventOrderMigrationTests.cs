using Microsoft.Data.Sqlite;
using static Workflow.Storage.Sqlite.Tests.SqliteRows;

namespace Workflow.Storage.Sqlite.Tests;

/// <summary>A database in the layout before events were kept in commit order (schema version 6: events keyed by stream
/// and seq, the feed in a table of its own) migrates on open: every stream loads and verifies as written, and the feed
/// gives the same events at the same positions, so a projection's checkpoint still points where it did.</summary>
public sealed class SqliteEventOrderMigrationTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly SqliteTestDirectory directory = new();

    [Fact]
    public async Task InitializeAsync_StoreInVersion6_KeepsStreamsAndFeedPositions()
    {
        var (streams, feedBefore) = WriteVersion6Store(streams: 4, eventsEach: 5);

        await using var store = directory.CreateStore();

        foreach (var (streamId, version, state, lastSeq) in streams)
        {
            Assert.Equal(new AggregateSnapshot(version, state, lastSeq), await store.LoadAsync(streamId));
            Assert.Equal(Enumerable.Range(1, (int)lastSeq).Select(i => (long)i), (await store.ReadEventsAsync(streamId)).Select(e => e.Seq));
            Assert.True((await store.VerifyStreamAsync(streamId)).Intact);
        }

        var feed = await store.ReadAsync(FeedPosition.Start, 1_000);
        Assert.Equal(feedBefore, feed.Select(f => (f.Position.Position, f.StreamId, f.Event.Seq)).ToList());
        var checkpoint = feed[7].Position;
        Assert.Equal(feedBefore.Skip(8).ToList(), (await store.ReadAsync(checkpoint, 1_000)).Select(f => (f.Position.Position, f.StreamId, f.Event.Seq)).ToList());
        Assert.Equal(feedBefore.Count - 8, await store.CountAfterAsync(checkpoint));

        using var connection = new SqliteConnection($"Data Source={store.DatabasePath};Mode=ReadOnly");
        connection.Open();
        Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE name IN ('history_feed', 'events_feed');"));
        Assert.Contains("position    INTEGER PRIMARY KEY", (string)Scalar(connection, "SELECT sql FROM sqlite_master WHERE name = 'events';")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitAsync_AfterMigration_AppendsToTheFeedAfterEveryMigratedEvent()
    {
        var (streams, feedBefore) = WriteVersion6Store(streams: 2, eventsEach: 3);
        var (streamId, version, state, lastSeq) = streams[0];
        await using var store = directory.CreateStore();

        await store.CommitAsync(new AggregateCommit(streamId, version, state,
            [new StoredEvent(lastSeq + 1, T0.AddDays(1), "wang.fang", "complete", "step-1", null, null)]));

        var appended = Assert.Single(await store.ReadAsync(new FeedPosition(0, feedBefore[^1].Position), 10));
        Assert.Equal((streamId, lastSeq + 1), (appended.StreamId, appended.Event.Seq));
        Assert.True((await store.VerifyStreamAsync(streamId)).Intact);
    }

    public void Dispose() => directory.Dispose();

    /// <summary>Streams as the build before wrote them: a snapshot each, chained events inserted interleaved across the
    /// streams (as concurrent acts are), the feed filled by its trigger.</summary>
    private (List<(string StreamId, long Version, string State, long LastSeq)> Streams, List<(long Position, string StreamId, long Seq)> Feed)
        WriteVersion6Store(int streams, int eventsEach)
    {
        Directory.CreateDirectory(directory.Path);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory.Path, "landflow.db")};Pooling=False");
        connection.Open();
        Assert.Equal(6, SchemaMigrator.Apply(connection, [.. SchemaMigrations.All.Where(m => m.Version <= 6)]));
        var written = new List<(string, long, string, long)>();
        var chains = new Dictionary<string, byte[]>();
        for (var s = 0; s < streams; s++)
        {
            var streamId = $"project/3305022026{s:D4}";
            var state = $$"""{"code":"{{s}}","steps":[{"key":"step-1","status":"Ready"}]}""";
            Execute(connection, "INSERT INTO streams (stream_id, version, state_json, last_seq) VALUES ($1, $2, '', $3);", streamId, 2L + eventsEach, (long)eventsEach);
            Execute(connection, "INSERT INTO stream_snapshots (stream_id, seq, state_json) VALUES ($1, $2, $3);", streamId, (long)eventsEach, state);
            chains[streamId] = HistoryChain.Genesis.ToArray();
            written.Add((streamId, 2L + eventsEach, state, eventsEach));
        }

        // Deliberately out of key order: seq by seq across the streams, the later streams first.
        for (var seq = 1L; seq <= eventsEach; seq++)
        {
            foreach (var (streamId, _, _, _) in Enumerable.Reverse(written))
            {
                var stored = new StoredEvent(seq, T0.AddHours(seq), "li.wei", "document", "step-1", null, $$"""{"key":"doc-{{seq}}"}""");
                var hash = HistoryChain.Link(chains[streamId], streamId, stored);
                Execute(connection, """
                    INSERT INTO events (stream_id, seq, at, actor, kind, step, reason, facts_json, prev_hash, hash)
                    VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $9);
                    """, streamId, seq, InstantText.Format(stored.At), stored.Actor, stored.Kind, stored.Step, stored.FactsJson, chains[streamId], hash);
                chains[streamId] = hash;
            }
        }

        var feed = new List<(long, string, long)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT position, stream_id, seq FROM history_feed ORDER BY position;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                feed.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        Assert.Equal(streams * eventsEach, feed.Count);
        SqliteConnection.ClearAllPools();
        return (written, feed);
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
