namespace Workflow.Storage.Conformance;

/// <summary>
/// Lifecycle shared by the conformance suites. An implementation (SQLite, PostgreSQL) passes the
/// suites by deriving a sealed class from each, in its own test project, and supplying its store.
/// </summary>
public abstract class StoreConformanceTests : IAsyncLifetime
{
    private readonly List<StoreUnderTest> opened = [];

    /// <summary>
    /// Opens a store over this test's own storage, empty at the first call. A later call, after the
    /// earlier store was disposed, must see everything that store committed.
    /// </summary>
    protected abstract Task<StoreUnderTest> CreateStoreAsync();

    /// <summary>Removes this test's storage; runs once after the test, when every store is disposed.</summary>
    protected abstract Task DeleteStorageAsync();

    protected async Task<StoreUnderTest> OpenStoreAsync()
    {
        var store = await CreateStoreAsync();
        opened.Add(store);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Disposing twice is allowed by the stores, so tests may dispose early for reopen checks.
        foreach (var store in opened)
        {
            await store.DisposeAsync();
        }

        await DeleteStorageAsync();
    }
}
