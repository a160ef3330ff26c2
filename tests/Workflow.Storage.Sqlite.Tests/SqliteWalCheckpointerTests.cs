using System.Diagnostics;
using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Sqlite.Tests;

public sealed class SqliteWalCheckpointerTests : IDisposable
{
    private readonly SqliteTestDirectory directory = new();

    [Fact]
    public async Task CommitAsync_BatchesCommitted_AreCheckpointedByTheBackgroundThreadNotTheWriter()
    {
        await using var store = directory.CreateStore();
        await store.InitializeAsync();
        var before = store.Checkpoints;

        for (var i = 0; i < 20; i++)
        {
            await store.CommitAsync(Commit($"s/{i}", 0, [Event(1)]));
        }

        var waited = Stopwatch.StartNew();
        while (store.Checkpoints == before && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20);
        }

        Assert.True(store.Checkpoints > before, "no checkpoint ran within 30 s of the commits");
        using var writer = store.Connections.OpenWriter();
        using var command = writer.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint;";
        Assert.Equal((long)WalCheckpointer.WriterAutoCheckpointPages, (long)command.ExecuteScalar()!);
        Assert.NotNull(await store.LoadAsync("s/19"));
    }

    public void Dispose() => directory.Dispose();
}
