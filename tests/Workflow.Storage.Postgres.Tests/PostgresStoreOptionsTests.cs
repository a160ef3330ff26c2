using Workflow.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Postgres.Tests;

public sealed class PostgresStoreOptionsTests(PostgresTestDatabase database) : PostgresStoreTest(database)
{
    [Fact]
    public void Constructor_NoConnectionString_Throws() =>
        Assert.Throws<ArgumentException>(() => new PostgresStore(new PostgresStoreOptions()));

    [Fact]
    public void Constructor_UnknownConnectionStringKeyword_Throws() =>
        Assert.Throws<ArgumentException>(() => new PostgresStore(new PostgresStoreOptions { ConnectionString = "Hostess=db" }));

    [Theory]
    [InlineData("")]
    [InlineData("LandFlow")]
    [InlineData("landflow; DROP SCHEMA public")]
    [InlineData("1landflow")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void Constructor_SchemaNotALowerCaseIdentifier_Throws(string schema) =>
        Assert.Throws<ArgumentException>(() => Database.CreateStore(schema));

    [Fact]
    public void Constructor_MaxBatchSizeBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CreateStore(options => options.MaxBatchSize = 0));

    [Fact]
    public async Task Constructor_OptionsChangedAfterwards_StoreKeepsTheOriginalValues()
    {
        var options = new PostgresStoreOptions { ConnectionString = Database.ConnectionString, Schema = Schema };
        await using var store = new PostgresStore(options);

        options.Schema = "other";
        await store.CommitAsync(Commit("s", 0, [Event(1)]));

        Assert.Equal(Schema, store.Schema);
        Assert.Equal("1", Convert.ToString(await ScalarAsync("SELECT count(*) FROM {schema}.streams"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task QueryAsync_PageBelowOne_Throws()
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.QueryAsync(new ProjectQuery(Page: 0)));
    }

    [Fact]
    public async Task InitializeAsync_ServerUnreachable_ThrowsAndTheNextCallTriesAgain()
    {
        await using var store = new PostgresStore(new PostgresStoreOptions
        {
            ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Password=x;Timeout=2",
            Schema = Schema,
        });

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.InitializeAsync());
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.LoadAsync("s"));
    }

    [Fact]
    public async Task AddPostgresStore_Resolved_AllFourInterfacesAreTheOneStore()
    {
        await using var provider = new ServiceCollection()
            .AddPostgresStore(options =>
            {
                options.ConnectionString = Database.ConnectionString;
                options.Schema = Schema;
            })
            .BuildServiceProvider();

        var store = provider.GetRequiredService<PostgresStore>();

        Assert.Same(store, provider.GetRequiredService<IAggregateStore>());
        Assert.Same(store, provider.GetRequiredService<IProjectIndex>());
        Assert.Same(store, provider.GetRequiredService<IDeadlineStore>());
        Assert.Same(store, provider.GetRequiredService<ISettingsStore>());
    }

    [Fact]
    public async Task AddPostgresStore_CommitThroughContainer_IsInTheDatabaseAfterTheContainerIsDisposed()
    {
        await using (var provider = new ServiceCollection()
            .AddPostgresStore(options =>
            {
                options.ConnectionString = Database.ConnectionString;
                options.Schema = Schema;
            })
            .BuildServiceProvider())
        {
            await provider.GetRequiredService<IAggregateStore>().CommitAsync(Commit("s", 0, [Event(1)]));
            await provider.GetRequiredService<ISettingsStore>().SetAsync("k", "v");
        }

        var reopened = CreateStore();
        Assert.NotNull(await reopened.LoadAsync("s"));
        Assert.Equal("v", await reopened.GetAsync("k"));
    }
}
