using System.Globalization;
using Workflow.Domain;

namespace Workflow.Domain.Tests;

/// <summary>Periods in days and months as the Civil Code counts them (民法典 第二百零一至二百零三条).</summary>
public sealed class StepClockPeriodTests
{
    private static readonly StepClock Clock = new(WorkingCalendar.Embedded(), new WorkflowRules());

    [Fact]
    public void DueAt_ThirtyDaysEndingOnNationalDay2026_EndsOnFirstWorkingDayAfterTheHoliday()
    {
        // 30 days from 1 September (not counted) nominally end on Thursday 1 October, the first day of the National
        // Day holiday (1-7 October); the period ends on Thursday 8 October, the first working day after it.
        var start = At("2026-09-01T10:00:00+08:00");

        var due = Clock.DueAt(start, new TimeLimit(30, TimeUnit.CalendarDays));

        Assert.Equal(At("2026-10-09T00:00:00+08:00"), due);
    }

    [Fact]
    public void DueAt_DaysEndingOnWorkingDay_EndOfThatDay() =>
        Assert.Equal(At("2026-03-13T00:00:00+08:00"), Clock.DueAt(At("2026-03-02T09:00:00+08:00"), new TimeLimit(10, TimeUnit.CalendarDays)));

    [Fact]
    public void DueAt_DaysEndingOnSunday_EndsMonday()
    {
        // 2026-03-15 is a Sunday: an ordinary rest day is a 法定休假日 too.
        var due = Clock.DueAt(At("2026-03-02T09:00:00+08:00"), new TimeLimit(13, TimeUnit.CalendarDays));

        Assert.Equal(At("2026-03-17T00:00:00+08:00"), due);
    }

    [Fact]
    public void DueAt_DaysEndingOnAdjustedWorkingSaturday_EndsThatSaturday()
    {
        // Saturday 2026-10-10 is worked (调休): it is not a day off, so the period ends on it.
        var due = Clock.DueAt(At("2026-09-30T09:00:00+08:00"), new TimeLimit(10, TimeUnit.CalendarDays));

        Assert.Equal(At("2026-10-11T00:00:00+08:00"), due);
    }

    [Fact]
    public void DueAt_MonthWithoutCorrespondingDay_EndsOnLastDayOfMonth()
    {
        // 31 March + 1 month: April has no 31st, so the period ends on Thursday 30 April, a working day.
        var due = Clock.DueAt(At("2026-03-31T09:00:00+08:00"), new TimeLimit(1, TimeUnit.Months));

        Assert.Equal(At("2026-05-01T00:00:00+08:00"), due);
    }

    [Fact]
    public void DueAt_MonthEndingInSpringFestival_EndsAfterTheHoliday()
    {
        // 16 January + 1 month = 16 February, inside the Spring Festival holiday (15-23 February 2026).
        var due = Clock.DueAt(At("2026-01-16T09:00:00+08:00"), new TimeLimit(1, TimeUnit.Months));

        Assert.Equal(At("2026-02-25T00:00:00+08:00"), due);
    }

    [Fact]
    public void DueAt_WorkingDays_Unchanged() =>
        Assert.Equal(
            WorkingCalendar.Embedded().DueAt(At("2026-09-24T09:00:00+08:00"), 10),
            Clock.DueAt(At("2026-09-24T09:00:00+08:00"), new TimeLimit(10, TimeUnit.WorkingDays)));

    [Fact]
    public void Uncertainty_StepWithinShippedYears_Null()
    {
        var step = OpenStep(At("2026-03-02T09:00:00+08:00"), new TimeLimit(20, TimeUnit.WorkingDays));

        Assert.Null(Clock.Uncertainty(step));
    }

    [Fact]
    public void Uncertainty_StepRunningIntoYearWithoutCalendar_NamesTheYear()
    {
        var step = OpenStep(At("2026-12-01T09:00:00+08:00"), new TimeLimit(60, TimeUnit.WorkingDays));

        var reason = Clock.Uncertainty(step);

        Assert.NotNull(reason);
        Assert.Contains("2027", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Uncertainty_SettledStep_Null()
    {
        var step = OpenStep(At("2026-12-01T09:00:00+08:00"), new TimeLimit(60, TimeUnit.WorkingDays));
        step.Status = StepStatus.Done;

        Assert.Null(Clock.Uncertainty(step));
    }

    [Fact]
    public void MissingYearAsked_SameYearAskedTwice_ReportedOnce()
    {
        var calendar = WorkingCalendar.Shipped();
        var reported = new List<int>();
        calendar.MissingYearAsked += reported.Add;

        calendar.IsWorkingDay(new DateOnly(2027, 10, 1));
        calendar.AddWorkingDays(new DateOnly(2027, 12, 20), 30);
        calendar.IsWorkingDay(new DateOnly(2026, 10, 1));

        Assert.Equal([2027, 2028], reported);
    }

    [Fact]
    public void MissingYears_RangeAcrossShippedAndMissingYears_OnlyMissing()
    {
        var calendar = WorkingCalendar.Shipped();

        Assert.Equal([2019, 2027], calendar.MissingYears(new DateOnly(2019, 6, 1), new DateOnly(2027, 1, 5)));
    }

    private static StepState OpenStep(DateTimeOffset start, TimeLimit limit) => new()
    {
        Key = "s",
        Status = StepStatus.InProgress,
        StartedAt = start,
        ClockStartedAt = start,
        TimeLimit = limit,
        DueAt = Clock.DueAt(start, limit),
    };

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
