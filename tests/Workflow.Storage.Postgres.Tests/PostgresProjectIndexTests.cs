namespace Workflow.Storage.Postgres.Tests;

public sealed class PostgresProjectIndexTests(PostgresTestDatabase database)
    : ProjectIndexConformanceTests, IClassFixture<PostgresTestDatabase>
{
    private readonly string schema = PostgresTestDatabase.NewSchemaName();

    // Not initialised explicitly: the suites also prove the store migrates and opens on first use.
    protected override Task<StoreUnderTest> CreateStoreAsync() => Task.FromResult(StoreUnderTest.Of(database.CreateStore(schema)));

    protected override Task DeleteStorageAsync() => database.DropSchemaAsync(schema);
}
