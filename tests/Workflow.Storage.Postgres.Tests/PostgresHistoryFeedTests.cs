namespace Workflow.Storage.Postgres.Tests;

public sealed class PostgresHistoryFeedTests(PostgresTestDatabase database)
    : HistoryFeedConformanceTests, IClassFixture<PostgresTestDatabase>
{
    private readonly string schema = PostgresTestDatabase.NewSchemaName();

    protected override Task<StoreUnderTest> CreateStoreAsync() => Task.FromResult(StoreUnderTest.Of(database.CreateStore(schema)));

    protected override Task DeleteStorageAsync() => database.DropSchemaAsync(schema);
}

public sealed class PostgresProjectionRunnerTests(PostgresTestDatabase database)
    : ProjectionRunnerConformanceTests, IClassFixture<PostgresTestDatabase>
{
    private readonly string schema = PostgresTestDatabase.NewSchemaName();

    protected override Task<StoreUnderTest> CreateStoreAsync()
    {
        var store = database.CreateStore(schema);
        return Task.FromResult(StoreUnderTest.Of(store).WithReadModels(store));
    }

    protected override Task DeleteStorageAsync() => database.DropSchemaAsync(schema);
}
