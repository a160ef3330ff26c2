using Microsoft.Data.Sqlite;

namespace Workflow.Storage.Sqlite.Tests;

public sealed class SqliteHistoryChainTests : HistoryChainConformanceTests
{
    private readonly SqliteTestDirectory directory = new();

    protected override Task<StoreUnderTest> CreateStoreAsync() => Task.FromResult(StoreUnderTest.Of(directory.CreateStore()));

    protected override Task DeleteStorageAsync()
    {
        directory.Dispose();
        return Task.CompletedTask;
    }

    protected override Task UpdateEventAsync(string streamId, long seq, string reason, byte[]? hash = null) =>
        ExecuteAsync(
            "UPDATE events SET reason = $reason, hash = coalesce($hash, hash) WHERE stream_id = $stream_id AND seq = $seq;",
            ("$reason", reason), ("$hash", hash), ("$stream_id", streamId), ("$seq", seq));

    protected override Task DeleteEventAsync(string streamId, long seq) =>
        ExecuteAsync("DELETE FROM events WHERE stream_id = $stream_id AND seq = $seq;", ("$stream_id", streamId), ("$seq", seq));

    protected override Task WriteLegacyStreamAsync(string streamId, IReadOnlyList<StoredEvent> events)
    {
        Directory.CreateDirectory(directory.Path);
        using var connection = Open();
        SchemaMigrator.Apply(connection, [.. SchemaMigrations.All.Where(m => m.Version < 4)]);
        Execute(connection, "INSERT INTO streams (stream_id, version, state_json, last_seq) VALUES ($stream_id, 1, '{}', $last_seq);",
            ("$stream_id", streamId), ("$last_seq", events[^1].Seq));
        foreach (var stored in events)
        {
            Execute(connection, """
                INSERT INTO events (stream_id, seq, at, actor, kind, step, reason, facts_json)
                VALUES ($stream_id, $seq, $at, $actor, $kind, $step, $reason, $facts_json);
                """,
                ("$stream_id", streamId), ("$seq", stored.Seq), ("$at", InstantText.Format(stored.At)), ("$actor", stored.Actor),
                ("$kind", stored.Kind), ("$step", stored.Step), ("$reason", stored.Reason), ("$facts_json", stored.FactsJson));
        }

        return Task.CompletedTask;
    }

    private Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        Execute(connection, sql, parameters);
        return Task.CompletedTask;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = new SqliteStoreOptions { DataDirectory = directory.Path }.DatabasePath,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }
}
