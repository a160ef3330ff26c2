namespace Workflow.Storage.Postgres.Tests;

public sealed class PostgresStateFromEventsTests(PostgresTestDatabase database)
    : StateFromEventsConformanceTests, IClassFixture<PostgresTestDatabase>
{
    private readonly string schema = PostgresTestDatabase.NewSchemaName();

    protected override Task<StoreUnderTest> CreateStoreAsync() => Task.FromResult(StoreUnderTest.Of(database.CreateStore(schema)));

    protected override Task DeleteStorageAsync() => database.DropSchemaAsync(schema);
}
