namespace Workflow.Storage.Sqlite.Tests;

public sealed class SqliteStateFromEventsTests : StateFromEventsConformanceTests
{
    private readonly SqliteTestDirectory directory = new();

    protected override Task<StoreUnderTest> CreateStoreAsync() => Task.FromResult(StoreUnderTest.Of(directory.CreateStore()));

    protected override Task DeleteStorageAsync()
    {
        directory.Dispose();
        return Task.CompletedTask;
    }
}
