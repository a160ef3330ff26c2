using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class WorkingCalendar2025Tests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Embedded();

    [Theory]
    [InlineData("2025-01-26", true)]
    [InlineData("2025-01-28", false)]
    [InlineData("2025-02-08", true)]
    [InlineData("2025-10-08", false)]
    [InlineData("2025-10-11", true)]
    [InlineData("2025-10-09", true)]
    public void IsWorkingDay_2025Arrangement_FollowsTheNotice(string date, bool working)
    {
        Assert.True(Calendar.HasYear(2025));
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
