namespace Workflow.Storage.Sqlite.Tests;

public sealed class SqliteProjectionRunnerTests : ProjectionRunnerConformanceTests
{
    private readonly SqliteTestDirectory directory = new();
    private readonly List<SqliteReadModelDatabase> readModels = [];

    protected override Task<StoreUnderTest> CreateStoreAsync()
    {
        var options = new SqliteStoreOptions { DataDirectory = directory.Path };
        var readModel = new SqliteReadModelDatabase(options);
        readModels.Add(readModel);
        return Task.FromResult(StoreUnderTest.Of(new SqliteStore(options)).WithReadModels(readModel));
    }

    protected override Task DeleteStorageAsync()
    {
        foreach (var readModel in readModels)
        {
            readModel.ReleasePooledConnections();
        }

        directory.Dispose();
        return Task.CompletedTask;
    }
}
