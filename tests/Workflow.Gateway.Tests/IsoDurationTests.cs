namespace Workflow.Gateway.Tests;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("P30D", 30 * 24 * 60)]
    [InlineData("PT2H", 120)]
    [InlineData("P1W", 7 * 24 * 60)]
    [InlineData("P1DT12H", 36 * 60)]
    [InlineData("PT90M", 90)]
    [InlineData("P2W3DT4H5M", (17 * 24 * 60) + (4 * 60) + 5)]
    [InlineData("p1d", 24 * 60)]
    [InlineData("P0D", 0)]
    public void TryParse_SupportedDuration_ReturnsItsLength(string text, int minutes)
    {
        Assert.True(IsoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
    }

    [Fact]
    public void TryParse_Seconds_AreSupported()
    {
        Assert.True(IsoDuration.TryParse("PT1.5S", out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("-P1D")]
    [InlineData("30D")]
    [InlineData("P1H")]
    [InlineData("PT1D")]
    [InlineData("P1D2W")]
    public void TryParse_UnsupportedOrMalformed_ReturnsFalse(string? text)
    {
        Assert.False(IsoDuration.TryParse(text, out _));
    }
}
