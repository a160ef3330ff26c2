using Npgsql;

namespace Workflow.Storage.Postgres.Tests;

/// <summary>A schema written in the layout before state from events (version 8: each stream's whole state in its
/// row) migrates on open and reads back exactly as it was written, history chain included.</summary>
public sealed class PostgresStateMigrationTests(PostgresTestDatabase database) : PostgresStoreTest(database)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task InitializeAsync_SchemaInTheLayoutBefore_MigratesAndLoadsEveryStreamAsWritten()
    {
        var written = await WriteVersion8SchemaAsync(streams: 12);
        var store = CreateStore();

        foreach (var (streamId, version, state, lastSeq) in written)
        {
            Assert.Equal(new AggregateSnapshot(version, state, lastSeq), await store.LoadAsync(streamId));
            Assert.True((await store.VerifyStreamAsync(streamId)).Intact);
        }

        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM {schema}.streams WHERE state_json <> ''"));
        Assert.Equal(12L, await ScalarAsync("SELECT count(*) FROM {schema}.stream_snapshots"));
    }

    [Fact]
    public async Task CommitAsync_AfterMigration_DeltasFoldOntoTheMigratedSnapshotAndChain()
    {
        var (streamId, version, state, lastSeq) = (await WriteVersion8SchemaAsync(streams: 2))[1];
        var store = CreateStore();
        var next = state.Replace("\"status\":\"Ready\"", "\"status\":\"Done\"", StringComparison.Ordinal);
        var stored = new StoredEvent(lastSeq + 1, T0.AddDays(1), "wang.fang", "complete", "step-1", null, null,
            StateDeltas.Diff(StateBaseline.Of(state), next, out _));

        await store.CommitAsync(new AggregateCommit(streamId, version, null, [stored]));

        var loaded = await store.LoadAsync(streamId);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(next), System.Text.Json.Nodes.JsonNode.Parse(loaded!.StateJson)), loaded.StateJson);
        var verified = await store.VerifyStreamAsync(streamId);
        Assert.True(verified.Intact);

        // The trigger's hash (SQL) is the one HistoryChain computes (.NET) over the same event with its delta.
        var rows = await store.ReadEventsAsync(streamId);
        var previous = HistoryChain.Genesis.ToArray();
        foreach (var row in rows)
        {
            previous = HistoryChain.Link(previous, streamId, row);
        }

        Assert.Equal(HistoryChain.ToHex(previous), verified.HeadHash);
    }

    private async Task<List<(string StreamId, long Version, string State, long LastSeq)>> WriteVersion8SchemaAsync(int streams)
    {
        await using (var dataSource = NpgsqlDataSource.Create(Database.ConnectionString))
        {
            Assert.Equal(8, await PostgresMigrator.ApplyAsync(dataSource, Schema, [.. SchemaMigrations.All.Where(m => m.Version <= 8)], CancellationToken.None));
        }

        var written = new List<(string, long, string, long)>();
        for (var s = 0; s < streams; s++)
        {
            var streamId = $"project/3305022026{s:D4}";
            var state = s % 4 == 0 ? $$"""{"code":"{{s}}","n":{{s}}}""" : LargeState(s);
            await ScalarAsync($"INSERT INTO {{schema}}.streams (stream_id, version, state_json, last_seq) VALUES ('{streamId}', {3 + s}, '{state}', 4)");
            for (var seq = 1; seq <= 4; seq++)
            {
                var at = T0.AddHours(seq);
                await ScalarAsync($$$"""
                    INSERT INTO {schema}.events (stream_id, seq, at_utc_ticks, at_offset_minutes, actor, kind, step, reason, facts_json)
                    VALUES ('{{{streamId}}}', {{{seq}}}, {{{at.UtcTicks}}}, 480, 'li.wei', 'document', 'step-1', NULL, '{"key":"doc-{{{seq}}}"}')
                    """);
            }

            written.Add((streamId, 3L + s, state, 4L));
        }

        return written;
    }

    private static string LargeState(int s) =>
        "{\"code\":\"" + s + "\",\"steps\":[" + string.Join(",", Enumerable.Range(0, 30).Select(i =>
            $$"""{"key":"step-{{i}}","status":"Ready","department":"自然资源局","dueAt":"2026-03-{{10 + i % 18}}T00:00:00+08:00"}""")) + "]}";
}
