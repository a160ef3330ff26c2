using System.Globalization;

namespace Workflow.Domain.Tests;

/// <summary>
/// Each shipped year against a few days of its State Council notice: holidays on weekdays, and the weekend days
/// worked in exchange (调休). The file 2025 has its own class (WorkingCalendar2025Tests), 2026 is in WorkingCalendarTests.
/// </summary>
public sealed class WorkingCalendarYearsTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Embedded();

    [Theory]
    [InlineData("2020-01-01", false)] // New Year, Wednesday
    [InlineData("2020-01-19", true)] // Sunday worked for the Spring Festival
    [InlineData("2020-01-31", false)] // Friday: a working day until the extension (国办发明电〔2020〕1号)
    [InlineData("2020-02-01", false)] // Saturday: to be worked, cancelled by the extension
    [InlineData("2020-02-03", true)] // work resumed on Monday 3 February
    [InlineData("2020-04-26", true)] // Sunday worked for Labour Day
    [InlineData("2020-05-05", false)]
    [InlineData("2020-06-25", false)] // Dragon Boat, Thursday
    [InlineData("2020-06-28", true)]
    [InlineData("2020-10-08", false)] // National Day and Mid-Autumn together, 1-8 October
    [InlineData("2020-10-10", true)]
    public void IsWorkingDay_2020_FollowsTheNoticeAndTheExtension(string date, bool working) => AssertDay(2020, date, working);

    [Theory]
    [InlineData("2021-02-07", true)]
    [InlineData("2021-02-11", false)] // Spring Festival eve, Thursday
    [InlineData("2021-02-17", false)]
    [InlineData("2021-02-20", true)]
    [InlineData("2021-04-05", false)] // Qingming, Monday
    [InlineData("2021-06-14", false)] // Dragon Boat, Monday
    [InlineData("2021-09-18", true)] // Saturday worked for Mid-Autumn
    [InlineData("2021-09-21", false)]
    [InlineData("2021-09-26", true)]
    [InlineData("2021-10-07", false)]
    [InlineData("2021-10-09", true)]
    public void IsWorkingDay_2021_FollowsTheNotice(string date, bool working) => AssertDay(2021, date, working);

    [Theory]
    [InlineData("2022-01-03", false)] // New Year, Monday
    [InlineData("2022-01-29", true)]
    [InlineData("2022-01-30", true)]
    [InlineData("2022-02-04", false)]
    [InlineData("2022-04-02", true)]
    [InlineData("2022-04-05", false)]
    [InlineData("2022-05-04", false)]
    [InlineData("2022-05-07", true)]
    [InlineData("2022-09-12", false)] // Mid-Autumn, Monday
    [InlineData("2022-10-07", false)]
    [InlineData("2022-10-08", true)]
    [InlineData("2022-10-09", true)]
    public void IsWorkingDay_2022_FollowsTheNotice(string date, bool working) => AssertDay(2022, date, working);

    [Theory]
    [InlineData("2022-12-31", false)] // the 2023 New Year holiday began on the Saturday before
    [InlineData("2023-01-02", false)]
    [InlineData("2023-01-27", false)]
    [InlineData("2023-01-28", true)]
    [InlineData("2023-01-29", true)]
    [InlineData("2023-04-05", false)] // Qingming, Wednesday: one day only
    [InlineData("2023-04-23", true)]
    [InlineData("2023-06-23", false)]
    [InlineData("2023-06-25", true)]
    [InlineData("2023-09-29", false)] // Mid-Autumn and National Day together, 29 September to 6 October
    [InlineData("2023-10-06", false)]
    [InlineData("2023-10-07", true)]
    [InlineData("2023-10-08", true)]
    public void IsWorkingDay_2023_FollowsTheNotice(string date, bool working) => AssertDay(2023, date, working);

    [Theory]
    [InlineData("2024-01-01", false)]
    [InlineData("2024-02-04", true)]
    [InlineData("2024-02-09", true)] // New Year's Eve, a Friday, was a working day
    [InlineData("2024-02-16", false)]
    [InlineData("2024-02-18", true)]
    [InlineData("2024-04-07", true)]
    [InlineData("2024-04-28", true)]
    [InlineData("2024-05-11", true)]
    [InlineData("2024-06-10", false)] // Dragon Boat, Monday
    [InlineData("2024-09-14", true)]
    [InlineData("2024-09-16", false)]
    [InlineData("2024-09-29", true)]
    [InlineData("2024-10-07", false)]
    [InlineData("2024-10-12", true)]
    public void IsWorkingDay_2024_FollowsTheNotice(string date, bool working) => AssertDay(2024, date, working);

    // Weekdays of the year minus the statutory holiday days that fall on weekdays once 调休 is netted out: 11 days a
    // year until 2024, 13 from 2025 (the Festival Regulations as amended in 2024); 2020 lost two more working days to the
    // Spring Festival extension. A file that drops or adds a day fails here.
    [Theory]
    [InlineData(2020, 249)]
    [InlineData(2021, 250)]
    [InlineData(2022, 249)]
    [InlineData(2023, 249)]
    [InlineData(2024, 251)]
    [InlineData(2025, 248)]
    [InlineData(2026, 248)]
    public void CountWorkingDays_WholeYear_MatchesStatutoryHolidayCount(int year, int expected) =>
        Assert.Equal(expected, Calendar.CountWorkingDays(new DateOnly(year - 1, 12, 31), new DateOnly(year, 12, 31)));

    [Theory]
    [InlineData(2020)]
    [InlineData(2021)]
    [InlineData(2022)]
    [InlineData(2023)]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    public void Source_EveryShippedYear_NamesTheStateCouncilNotice(int year)
    {
        var source = Calendar.SourceOf(year);

        Assert.Contains("国务院办公厅", source, StringComparison.Ordinal);
        Assert.Contains($"{year}年部分节假日安排的通知", source, StringComparison.Ordinal);
    }

    private static void AssertDay(int year, string date, bool working)
    {
        Assert.True(Calendar.HasYear(year));
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(date, CultureInfo.InvariantCulture)));
    }
}
