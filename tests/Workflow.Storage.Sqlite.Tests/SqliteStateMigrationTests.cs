using Microsoft.Data.Sqlite;
using static Workflow.Storage.Sqlite.Tests.SqliteRows;

namespace Workflow.Storage.Sqlite.Tests;

/// <summary>A database written in the layout before state from events (schema version 5: each stream's whole state in
/// its row) migrates on open and reads back exactly as it was written, history chain included.</summary>
public sealed class SqliteStateMigrationTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly SqliteTestDirectory directory = new();

    [Fact]
    public async Task InitializeAsync_StoreInTheLayoutBefore_MigratesAndLoadsEveryStreamAsWritten()
    {
        var written = WriteVersion5Store(streams: 25);
        var progress = new List<string>();

        await using var store = directory.CreateStore(options => options.MigrationProgress = progress.Add);
        foreach (var (streamId, version, state, lastSeq) in written)
        {
            Assert.Equal(new AggregateSnapshot(version, state, lastSeq), await store.LoadAsync(streamId));
            Assert.True((await store.VerifyStreamAsync(streamId)).Intact);
        }

        Assert.Contains(progress, line => line.Contains("25 of 25 streams", StringComparison.Ordinal));
        using var connection = new SqliteConnection($"Data Source={store.DatabasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM streams WHERE state_json <> '' OR state_zlib IS NOT NULL;";
        Assert.Equal(0L, command.ExecuteScalar());
    }

    [Fact]
    public async Task CommitAsync_AfterMigration_DeltasFoldOntoTheMigratedSnapshot()
    {
        var (streamId, version, state, lastSeq) = WriteVersion5Store(streams: 2)[1];
        await using var store = directory.CreateStore();
        var next = state.Replace("\"status\":\"Ready\"", "\"status\":\"Done\"", StringComparison.Ordinal);
        var delta = StateDeltas.Diff(StateBaseline.Of(state), next, out _);

        await store.CommitAsync(new AggregateCommit(streamId, version, null,
            [new StoredEvent(lastSeq + 1, T0.AddDays(1), "wang.fang", "complete", "step-1", null, null, delta)]));

        var loaded = await store.LoadAsync(streamId);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(next), System.Text.Json.Nodes.JsonNode.Parse(loaded!.StateJson)), loaded.StateJson);
        Assert.Equal(1, loaded.DeltasSinceSnapshot);
        Assert.True((await store.VerifyStreamAsync(streamId)).Intact);
    }

    public void Dispose() => directory.Dispose();

    /// <summary>Streams as the build before wrote them: large states compressed in the row, small ones as text,
    /// events chained.</summary>
    private List<(string StreamId, long Version, string State, long LastSeq)> WriteVersion5Store(int streams)
    {
        Directory.CreateDirectory(directory.Path);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory.Path, "landflow.db")};Pooling=False");
        connection.Open();
        Assert.Equal(5, SchemaMigrator.Apply(connection, [.. SchemaMigrations.All.Where(m => m.Version <= 5)]));
        var written = new List<(string, long, string, long)>();
        for (var s = 0; s < streams; s++)
        {
            var streamId = $"project/3305022026{s:D4}";
            var state = s % 5 == 0 ? $$"""{"code":"{{s}}","n":{{s}}}""" : LargeState(s);
            var packed = PackedState.Pack(state);
            Execute(connection, "INSERT INTO streams (stream_id, version, state_json, state_zlib, state_bytes, last_seq) VALUES ($1, $2, $3, $4, $5, $6);",
                streamId, 3L + s, packed.Text, packed.Zlib, packed.Bytes, 4L);
            var previous = HistoryChain.Genesis.ToArray();
            for (var seq = 1L; seq <= 4; seq++)
            {
                var stored = new StoredEvent(seq, T0.AddHours(seq), "li.wei", "document", "step-1", null, $$"""{"key":"doc-{{seq}}"}""");
                var hash = HistoryChain.Link(previous, streamId, stored);
                Execute(connection, """
                    INSERT INTO events (stream_id, seq, at, actor, kind, step, reason, facts_json, prev_hash, hash)
                    VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $9);
                    """, streamId, seq, InstantText.Format(stored.At), stored.Actor, stored.Kind, stored.Step, stored.FactsJson, previous, hash);
                previous = hash;
            }

            written.Add((streamId, 3L + s, state, 4L));
        }

        SqliteConnection.ClearAllPools();
        return written;
    }

    private static string LargeState(int s) =>
        "{\"code\":\"" + s + "\",\"steps\":[" + string.Join(",", Enumerable.Range(0, 30).Select(i =>
            $$"""{"key":"step-{{i}}","status":"Ready","department":"自然资源局","dueAt":"2026-03-{{10 + i % 18}}T00:00:00+08:00"}""")) + "]}";
}
