namespace Workflow.Storage.Postgres.Tests;

/// <summary>
/// Base of the PostgreSQL-only tests: a fresh schema per test in the class's database, and every
/// store the test opened disposed (which drains its writer) before the schema is dropped.
/// </summary>
public abstract class PostgresStoreTest(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly List<PostgresStore> stores = [];

    protected PostgresTestDatabase Database { get; } = database;

    protected string Schema { get; } = PostgresTestDatabase.NewSchemaName();

    /// <summary>A store over this test's schema; several of them stand for several silos.</summary>
    protected PostgresStore CreateStore(Action<PostgresStoreOptions>? configure = null)
    {
        var store = Database.CreateStore(Schema, configure);
        stores.Add(store);
        return store;
    }

    protected Task<object?> ScalarAsync(string sql) => Database.ScalarAsync(sql.Replace("{schema}", $"\"{Schema}\"", StringComparison.Ordinal));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        await Database.DropSchemaAsync(Schema);
    }

    protected static async Task<Exception?> OutcomeOfAsync(Task operation)
    {
        try
        {
            await operation;
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
