namespace Workflow.Domain.Tests;

/// <summary>Counting and adding working days by the calendar's table agrees with asking about each day in turn, across
/// years with and without a document, and still reports a year without one.</summary>
public sealed class WorkingCalendarCountingTests
{
    [Fact]
    public void CountAndAdd_RandomPeriods2019To2032_AgreeWithADayByDayWalk()
    {
        var calendar = WorkingCalendar.Shipped();
        var random = new Random(20261204);
        var first = new DateOnly(2019, 1, 1);
        for (var i = 0; i < 2_000; i++)
        {
            var from = first.AddDays(random.Next(0, 14 * 365));
            var to = from.AddDays(random.Next(-5, 400));
            var n = random.Next(0, 120);

            Assert.Equal(WalkCount(calendar, from, to), calendar.CountWorkingDays(from, to));
            Assert.Equal(WalkAdd(calendar, from, n), calendar.AddWorkingDays(from, n));
        }
    }

    [Fact]
    public void CountAndAdd_OutsideTheTable_AgreeWithADayByDayWalk()
    {
        var calendar = WorkingCalendar.Shipped();
        var late = new DateOnly(2100, 12, 1);

        Assert.Equal(WalkCount(calendar, late, late.AddDays(90)), calendar.CountWorkingDays(late, late.AddDays(90)));
        Assert.Equal(WalkAdd(calendar, late, 40), calendar.AddWorkingDays(late, 40));
        Assert.Equal(WalkAdd(calendar, new DateOnly(1989, 12, 1), 40), calendar.AddWorkingDays(new DateOnly(1989, 12, 1), 40));
    }

    [Fact]
    public void CountWorkingDays_IntoAYearWithoutADocument_ReportsThatYearOnce()
    {
        var calendar = WorkingCalendar.Shipped();
        var reported = new List<int>();
        calendar.MissingYearAsked += reported.Add;
        var missing = Enumerable.Range(2020, 20).First(year => !calendar.HasYear(year));

        calendar.CountWorkingDays(new DateOnly(missing - 1, 12, 1), new DateOnly(missing, 1, 20));
        calendar.AddWorkingDays(new DateOnly(missing - 1, 12, 20), 30);
        calendar.CountWorkingDays(new DateOnly(missing - 1, 3, 1), new DateOnly(missing - 1, 4, 1));

        Assert.Equal([missing], reported);
    }

    private static int WalkCount(WorkingCalendar calendar, DateOnly fromExclusive, DateOnly toInclusive)
    {
        var count = 0;
        for (var date = fromExclusive.AddDays(1); date <= toInclusive; date = date.AddDays(1))
        {
            count += calendar.IsWorkingDay(date) ? 1 : 0;
        }

        return count;
    }

    private static DateOnly WalkAdd(WorkingCalendar calendar, DateOnly start, int n)
    {
        var date = start;
        for (var left = n; left > 0;)
        {
            date = date.AddDays(1);
            left -= calendar.IsWorkingDay(date) ? 1 : 0;
        }

        return date;
    }
}
