namespace Workflow.Storage.Conformance;

/// <summary>What every <see cref="ISettingsStore"/> must do.</summary>
public abstract class SettingsStoreConformanceTests : StoreConformanceTests
{
    [Fact]
    public async Task GetAsync_UnknownKey_ReturnsNull()
    {
        var store = await OpenStoreAsync();

        Assert.Null(await store.Settings.GetAsync("dev-clock"));
    }

    [Theory]
    [InlineData("2025-03-01T09:00:00.0000000+08:00")]
    [InlineData("")]
    [InlineData("安宁市 · 征地")]
    public async Task SetAsync_ThenGet_ReturnsTheValue(string value)
    {
        var store = await OpenStoreAsync();

        await store.Settings.SetAsync("dev-clock", value);

        Assert.Equal(value, await store.Settings.GetAsync("dev-clock"));
    }

    [Fact]
    public async Task SetAsync_Twice_KeepsTheLastValue()
    {
        var store = await OpenStoreAsync();

        await store.Settings.SetAsync("dev-clock", "one");
        await store.Settings.SetAsync("dev-clock", "two");

        Assert.Equal("two", await store.Settings.GetAsync("dev-clock"));
    }

    [Fact]
    public async Task SetAsync_StoreReopened_ValueIsThere()
    {
        var first = await OpenStoreAsync();
        await first.Settings.SetAsync("dev-clock", "kept");
        await first.DisposeAsync();

        var second = await OpenStoreAsync();

        Assert.Equal("kept", await second.Settings.GetAsync("dev-clock"));
    }
}
