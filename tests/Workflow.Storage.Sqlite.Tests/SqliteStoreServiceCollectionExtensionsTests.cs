using Microsoft.Extensions.DependencyInjection;
using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Sqlite.Tests;

public sealed class SqliteStoreServiceCollectionExtensionsTests : IDisposable
{
    private readonly SqliteTestDirectory directory = new();

    [Fact]
    public async Task AddSqliteStore_Resolved_AllFourInterfacesAreTheOneStore()
    {
        await using var provider = new ServiceCollection()
            .AddSqliteStore(options => options.DataDirectory = directory.Path)
            .BuildServiceProvider();

        var store = provider.GetRequiredService<SqliteStore>();

        Assert.Same(store, provider.GetRequiredService<IAggregateStore>());
        Assert.Same(store, provider.GetRequiredService<IProjectIndex>());
        Assert.Same(store, provider.GetRequiredService<IDeadlineStore>());
        Assert.Same(store, provider.GetRequiredService<ISettingsStore>());
    }

    [Fact]
    public async Task AddSqliteStore_CommitThroughContainer_IsOnDiskAfterTheContainerIsDisposed()
    {
        await using (var provider = new ServiceCollection()
            .AddSqliteStore(options => options.DataDirectory = directory.Path)
            .BuildServiceProvider())
        {
            await provider.GetRequiredService<IAggregateStore>().CommitAsync(Commit("s", 0, [Event(1)]));
            await provider.GetRequiredService<ISettingsStore>().SetAsync("k", "v");
        }

        await using var reopened = directory.CreateStore();
        Assert.NotNull(await reopened.LoadAsync("s"));
        Assert.Equal("v", await reopened.GetAsync("k"));
    }

    public void Dispose() => directory.Dispose();
}
