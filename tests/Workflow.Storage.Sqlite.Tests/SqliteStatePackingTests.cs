using System.IO.Compression;
using System.Text;
using Microsoft.Data.Sqlite;
using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Sqlite.Tests;

/// <summary>How a stream's state lies in the <c>streams</c> row: text when small, zlib when large.</summary>
public sealed class SqliteStatePackingTests : IDisposable
{
    private readonly SqliteTestDirectory directory = new();

    [Fact]
    public async Task CommitAsync_LargeState_IsStoredCompressedInZlibFormatAndLoadsBackExactly()
    {
        await using var store = directory.CreateStore();
        var state = LargeState();

        await store.CommitAsync(Commit("big", 0, [Event(1)]) with { StateJson = state });

        var (text, zlib, bytes) = RawState(store.DatabasePath, "big");
        Assert.Equal("", text);
        Assert.NotNull(zlib);
        Assert.True(zlib.Length < state.Length / 3, $"{zlib.Length} compressed bytes for {state.Length} characters");
        Assert.Equal(Encoding.UTF8.GetByteCount(state), bytes);
        Assert.Equal(state, Inflate(zlib, bytes!.Value));
        Assert.Equal(state, (await store.LoadAsync("big"))!.StateJson);
    }

    [Fact]
    public async Task CommitAsync_SmallState_StaysReadableText()
    {
        await using var store = directory.CreateStore();

        await store.CommitAsync(Commit("small", 0, [Event(1)]) with { StateJson = """{"v":"小"}""" });

        var (text, zlib, bytes) = RawState(store.DatabasePath, "small");
        Assert.Equal("""{"v":"小"}""", text);
        Assert.Null(zlib);
        Assert.Null(bytes);
    }

    [Fact]
    public async Task CommitAsync_StreamGrowsPastTheThreshold_SwitchesToCompressedAndBack()
    {
        await using var store = directory.CreateStore();
        await store.CommitAsync(Commit("s", 0, [Event(1)]) with { StateJson = """{"v":1}""" });

        await store.CommitAsync(Commit("s", 1, [Event(2)]) with { StateJson = LargeState() });
        var large = await store.LoadAsync("s");
        await store.CommitAsync(Commit("s", 2, [Event(3)]) with { StateJson = """{"v":3}""" });

        Assert.Equal(LargeState(), large!.StateJson);
        Assert.Equal("""{"v":3}""", (await store.LoadAsync("s"))!.StateJson);
        Assert.Null(RawState(store.DatabasePath, "s").Zlib);
    }

    [Fact]
    public async Task LoadAsync_RowWrittenBeforeCompressionExisted_ReadsItsText()
    {
        Directory.CreateDirectory(directory.Path);
        var path = Path.Combine(directory.Path, "landflow.db");
        using (var connection = OpenRaw(path))
        {
            SchemaMigrator.Apply(connection, [SchemaMigrations.All[0]]);
            using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO streams (stream_id, version, state_json, last_seq) VALUES ('old', 3, '{LargeState()}', 0);";
            insert.ExecuteNonQuery();
        }

        await using var store = directory.CreateStore();

        Assert.Equal(new AggregateSnapshot(3, LargeState(), 0), await store.LoadAsync("old"));
    }

    public void Dispose() => directory.Dispose();

    private static string LargeState() =>
        "{\"steps\":[" + string.Join(",", Enumerable.Range(0, 40).Select(i => $$"""{"key":"step-{{i}}","status":"Done","department":"自然资源局","dueAt":"2026-03-{{10 + i % 18}}T00:00:00+08:00"}""")) + "]}";

    private static (string Text, byte[]? Zlib, int? Bytes) RawState(string path, string streamId)
    {
        using var connection = OpenRaw(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state_json, state_zlib, state_bytes FROM stream_snapshots WHERE stream_id = $id;";
        command.Parameters.AddWithValue("$id", streamId);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetString(0), reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1), reader.IsDBNull(2) ? null : reader.GetInt32(2));
    }

    private static string Inflate(byte[] zlib, int bytes)
    {
        var utf8 = new byte[bytes];
        using var stream = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        stream.ReadExactly(utf8);
        return Encoding.UTF8.GetString(utf8);
    }

    private static SqliteConnection OpenRaw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
