using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Sqlite.Tests;

public sealed class SqliteStoreOptionsTests : IDisposable
{
    private readonly SqliteTestDirectory directory = new();

    [Fact]
    public void Constructor_NoDataDirectory_Throws() =>
        Assert.Throws<ArgumentException>(() => new SqliteStore(new SqliteStoreOptions()));

    [Theory]
    [InlineData("FAST")]
    [InlineData("FULL; DROP TABLE streams")]
    public void Constructor_UnknownSynchronousMode_Throws(string mode) =>
        Assert.Throws<ArgumentException>(() => directory.CreateStore(options => options.Synchronous = mode));

    [Fact]
    public void Constructor_MaxBatchSizeBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => directory.CreateStore(options => options.MaxBatchSize = 0));

    [Fact]
    public async Task Constructor_CustomFileNameAndLowercaseMode_StoreWorks()
    {
        await using var store = directory.CreateStore(options =>
        {
            options.FileName = "custom.db";
            options.Synchronous = "normal";
        });

        await store.CommitAsync(Commit("s", 0, [Event(1)]));

        Assert.Equal(Path.Combine(directory.Path, "custom.db"), store.DatabasePath);
        Assert.NotNull(await store.LoadAsync("s"));
    }

    [Fact]
    public async Task Constructor_OptionsChangedAfterwards_StoreKeepsTheOriginalValues()
    {
        var options = new SqliteStoreOptions { DataDirectory = directory.Path };
        await using var store = new SqliteStore(options);

        options.FileName = "other.db";

        Assert.Equal(Path.Combine(directory.Path, "landflow.db"), store.DatabasePath);
    }

    [Fact]
    public async Task QueryAsync_PageBelowOne_Throws()
    {
        await using var store = directory.CreateStore();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.QueryAsync(new ProjectQuery(Page: 0)));
    }

    public void Dispose() => directory.Dispose();
}
