using System.Globalization;

namespace Workflow.Domain.Tests;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Embedded();

    [Theory]
    [InlineData("2026-10-01")]
    [InlineData("2026-10-02")]
    [InlineData("2026-10-03")]
    [InlineData("2026-10-04")]
    [InlineData("2026-10-05")]
    [InlineData("2026-10-06")]
    [InlineData("2026-10-07")]
    public void IsWorkingDay_NationalDay2026_IsDayOff(string date) => Assert.False(Calendar.IsWorkingDay(Day(date)));

    [Theory]
    [InlineData("2026-01-04")] // Sunday after New Year
    [InlineData("2026-02-14")] // Saturday before Spring Festival
    [InlineData("2026-02-28")] // Saturday after Spring Festival
    [InlineData("2026-05-09")] // Saturday after Labour Day
    [InlineData("2026-09-20")] // Sunday before Mid-Autumn
    [InlineData("2026-10-10")] // Saturday after National Day
    public void IsWorkingDay_AdjustedWeekendDay2026_IsWorking(string date) => Assert.True(Calendar.IsWorkingDay(Day(date)));

    [Theory]
    [InlineData("2026-02-15")]
    [InlineData("2026-02-16")]
    [InlineData("2026-02-17")]
    [InlineData("2026-02-18")]
    [InlineData("2026-02-19")]
    [InlineData("2026-02-20")]
    [InlineData("2026-02-21")]
    [InlineData("2026-02-22")]
    [InlineData("2026-02-23")]
    public void IsWorkingDay_SpringFestival2026_IsDayOff(string date) => Assert.False(Calendar.IsWorkingDay(Day(date)));

    [Fact]
    public void IsWorkingDay_DayAfterSpringFestival_IsWorking() => Assert.True(Calendar.IsWorkingDay(Day("2026-02-24")));

    [Theory]
    [InlineData("2026-01-01", false)] // Thursday, holiday
    [InlineData("2026-01-02", false)] // Friday, holiday
    [InlineData("2026-01-03", false)] // Saturday, holiday
    [InlineData("2026-01-04", true)] // Sunday, adjusted working day
    [InlineData("2026-01-05", true)] // Monday
    public void IsWorkingDay_NewYear2026_FollowsNotice(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(Day(date)));

    [Theory]
    [InlineData("2026-03-10", true)] // Tuesday
    [InlineData("2026-03-14", false)] // Saturday
    [InlineData("2026-03-15", false)] // Sunday
    public void IsWorkingDay_OrdinaryWeek_WeekendRule(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(Day(date)));

    [Fact]
    public void CountWorkingDays_Whole2026_Is248()
    {
        // 261 weekdays - 19 weekday holidays + 6 adjusted weekend days, counted from the notice by hand.
        Assert.Equal(248, Calendar.CountWorkingDays(Day("2025-12-31"), Day("2026-12-31")));
    }

    [Fact]
    public void CountWorkingDays_October2026_Is18() =>
        Assert.Equal(18, Calendar.CountWorkingDays(Day("2026-09-30"), Day("2026-10-31")));

    [Fact]
    public void AddWorkingDays_TenFrom20260924_SkipsMidAutumnAndNationalDay()
    {
        // 9-28, 9-29, 9-30, 10-8, 10-9, 10-10 (Saturday, working), 10-12 .. 10-15.
        Assert.Equal(Day("2026-10-15"), Calendar.AddWorkingDays(Day("2026-09-24"), 10));
    }

    [Fact]
    public void AddWorkingDays_Zero_ReturnsStartEvenOnHoliday() =>
        Assert.Equal(Day("2026-10-03"), Calendar.AddWorkingDays(Day("2026-10-03"), 0));

    [Fact]
    public void AddWorkingDays_OneFromHoliday_FirstWorkingDayAfter() =>
        Assert.Equal(Day("2026-10-08"), Calendar.AddWorkingDays(Day("2026-10-01"), 1));

    [Fact]
    public void AddWorkingDays_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(Day("2026-10-01"), -1));

    [Fact]
    public void CountWorkingDays_ToNotAfterFrom_IsZero()
    {
        Assert.Equal(0, Calendar.CountWorkingDays(Day("2026-03-10"), Day("2026-03-10")));
        Assert.Equal(0, Calendar.CountWorkingDays(Day("2026-03-10"), Day("2026-03-01")));
    }

    [Fact]
    public void CountWorkingDays_AfterAddWorkingDays_GivesN()
    {
        for (var start = Day("2025-12-01"); start <= Day("2027-01-31"); start = start.AddDays(1))
        {
            for (var n = 0; n <= 25; n++)
            {
                Assert.Equal(n, Calendar.CountWorkingDays(start, Calendar.AddWorkingDays(start, n)));
            }
        }
    }

    [Fact]
    public void DueAt_TenWorkingDaysAcrossNationalDay_EndOfFifteenthOctober()
    {
        var start = new DateTimeOffset(2026, 9, 24, 10, 15, 0, WorkingCalendar.ChinaOffset);

        var due = Calendar.DueAt(start, 10);

        Assert.Equal(new DateTimeOffset(2026, 10, 16, 0, 0, 0, WorkingCalendar.ChinaOffset), due);
        Assert.Equal(WorkingCalendar.ChinaOffset, due.Offset);
    }

    [Fact]
    public void DueAt_StartGivenInUtcOnHoliday_CountsFromChinaDate()
    {
        // 2026-09-30 20:00 UTC is 2026-10-01 04:00 in China: the first working day after it is 10-08.
        var start = new DateTimeOffset(2026, 9, 30, 20, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 10, 9, 0, 0, 0, WorkingCalendar.ChinaOffset), Calendar.DueAt(start, 1));
    }

    [Fact]
    public void DueAt_Zero_EndOfStartDay() =>
        Assert.Equal(
            new DateTimeOffset(2026, 3, 11, 0, 0, 0, WorkingCalendar.ChinaOffset),
            Calendar.DueAt(new DateTimeOffset(2026, 3, 10, 9, 0, 0, WorkingCalendar.ChinaOffset), 0));

    [Fact]
    public void ExtendByWorkingDays_DueBeforeNationalDay_MovesPastHoliday()
    {
        // Due at the end of 09-28; three more working days are 09-29, 09-30 and 10-08.
        var due = new DateTimeOffset(2026, 9, 29, 0, 0, 0, WorkingCalendar.ChinaOffset);

        Assert.Equal(new DateTimeOffset(2026, 10, 9, 0, 0, 0, WorkingCalendar.ChinaOffset), Calendar.ExtendByWorkingDays(due, 3));
    }

    [Fact]
    public void ExtendByWorkingDays_Zero_ReturnsSameInstant()
    {
        var due = new DateTimeOffset(2026, 9, 29, 0, 0, 0, WorkingCalendar.ChinaOffset);

        Assert.Equal(due, Calendar.ExtendByWorkingDays(due, 0));
    }

    [Fact]
    public void ExtendByWorkingDays_InstantInsideDay_KeepsTimeOfDay()
    {
        var due = new DateTimeOffset(2026, 9, 30, 15, 0, 0, WorkingCalendar.ChinaOffset);

        Assert.Equal(new DateTimeOffset(2026, 10, 8, 15, 0, 0, WorkingCalendar.ChinaOffset), Calendar.ExtendByWorkingDays(due, 1));
    }

    [Fact]
    public void ExtendByWorkingDays_OfDueAt_EqualsDueAtOfSum()
    {
        for (var date = Day("2025-12-20"); date <= Day("2026-12-31"); date = date.AddDays(1))
        {
            var start = WorkingCalendar.StartOfDay(date).AddHours(17);
            for (var n = 0; n <= 12; n += 3)
            {
                for (var k = 0; k <= 8; k += 2)
                {
                    Assert.Equal(Calendar.DueAt(start, n + k), Calendar.ExtendByWorkingDays(Calendar.DueAt(start, n), k));
                }
            }
        }
    }

    [Fact]
    public void LocalDate_2330Utc_IsNextDayInChina() =>
        Assert.Equal(Day("2026-10-01"), WorkingCalendar.LocalDate(new DateTimeOffset(2026, 9, 30, 23, 30, 0, TimeSpan.Zero)));

    [Fact]
    public void LocalDate_1530Utc_IsSameDayInChina() =>
        Assert.Equal(Day("2026-09-30"), WorkingCalendar.LocalDate(new DateTimeOffset(2026, 9, 30, 15, 30, 0, TimeSpan.Zero)));

    [Fact]
    public void StartOfDay_Date_MidnightChinaTime()
    {
        var start = WorkingCalendar.StartOfDay(Day("2026-10-08"));

        Assert.Equal(TimeSpan.FromHours(8), start.Offset);
        Assert.Equal(new DateTimeOffset(2026, 10, 7, 16, 0, 0, TimeSpan.Zero), start);
    }

    [Fact]
    public void WorkingDaysBetween_UtcInstants_UsesChinaDates()
    {
        // 09-23 in China to 10-08 in China (10-07 23:30 UTC): 09-24, 09-28, 09-29, 09-30, 10-08.
        var from = new DateTimeOffset(2026, 9, 23, 1, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 10, 7, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal(5, Calendar.WorkingDaysBetween(from, to));
    }

    [Fact]
    public void HasYear_EmbeddedYears_2020To2026()
    {
        Assert.Equal([2020, 2021, 2022, 2023, 2024, 2025, 2026], Calendar.Years);
        Assert.False(Calendar.HasYear(2019));
        Assert.False(Calendar.HasYear(2027));
    }

    [Theory]
    [InlineData("2027-10-01", true)] // Friday: National Day, but 2027 has no document
    [InlineData("2027-10-02", false)] // Saturday
    [InlineData("2027-10-03", false)] // Sunday
    [InlineData("2027-10-04", true)] // Monday
    public void IsWorkingDay_YearWithoutDocument_WeekendsOnly(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(Day(date)));

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
