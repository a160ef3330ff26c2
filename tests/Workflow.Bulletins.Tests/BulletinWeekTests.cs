namespace Workflow.Bulletins.Tests;

public sealed class BulletinWeekTests
{
    [Theory]
    [InlineData("2026-W01", true)]
    [InlineData("2026-W53", true)] // 2026 begins on a Thursday: it has 53 ISO weeks
    [InlineData("2025-W53", false)]
    [InlineData("2026-W00", false)]
    [InlineData("2026-W7", false)]
    [InlineData("2026W07", false)]
    [InlineData("2026-w07", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_Week_AcceptsOnlyWeeksTheYearHas(string? week, bool valid)
    {
        Assert.Equal(valid, BulletinWeek.IsValid(week));
    }
}
