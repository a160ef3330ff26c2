namespace Workflow.Storage.Sqlite.Tests;

public sealed class SqliteAggregateStoreTests : AggregateStoreConformanceTests
{
    private readonly SqliteTestDirectory directory = new();

    // Not initialised explicitly: the suites also prove the store opens itself on first use.
    protected override Task<StoreUnderTest> CreateStoreAsync() => Task.FromResult(StoreUnderTest.Of(directory.CreateStore()));

    protected override Task DeleteStorageAsync()
    {
        directory.Dispose();
        return Task.CompletedTask;
    }
}
