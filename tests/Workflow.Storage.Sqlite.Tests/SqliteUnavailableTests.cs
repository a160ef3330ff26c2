using Workflow.Contracts;
using Microsoft.Data.Sqlite;
using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Sqlite.Tests;

/// <summary>SQLite's infrastructure failures (here SQLITE_BUSY) reach callers as <see cref="StoreUnavailableException"/>.</summary>
public sealed class SqliteUnavailableTests : IDisposable
{
    private readonly SqliteTestDirectory directory = new();

    [Fact]
    public async Task CommitAsync_DatabaseLockedByAnotherProcessPastTheBusyTimeout_ThrowsStoreUnavailableNotCommitted()
    {
        await using var store = directory.CreateStore();
        await store.InitializeAsync();
        await store.CommitAsync(Commit("s/1", 0, [Event(1)]));

        var unavailable = default(StoreUnavailableException);
        await using (var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory.Path, "landflow.db"), Pooling = false }.ConnectionString))
        {
            await other.OpenAsync();
            await using (var hold = other.CreateCommand())
            {
                // Another writer holds the write lock for longer than the store's busy timeout (5 s).
                hold.CommandText = "BEGIN IMMEDIATE";
                await hold.ExecuteNonQueryAsync();
            }

            unavailable = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.CommitAsync(Commit("s/2", 0, [Event(1)])));
        }

        Assert.False(unavailable.MayHaveCommitted);
        Assert.Contains("SQLite error 5", unavailable.Message, StringComparison.Ordinal);
        Assert.Null(await store.LoadAsync("s/2"));
        await store.CommitAsync(Commit("s/2", 0, [Event(1)]));
        Assert.NotNull(await store.LoadAsync("s/2"));
    }

    public void Dispose() => directory.Dispose();
}
