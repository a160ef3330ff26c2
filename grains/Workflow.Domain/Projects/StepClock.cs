namespace Workflow.Domain;

/// <summary>
/// Statutory time on the working-day calendar: when a limit falls due, when a minimum period ends,
/// and which light a step shows at a given instant.
/// </summary>
public sealed class StepClock(WorkingCalendar calendar, WorkflowRules rules)
{
    /// <summary>The instant a limit counted from <paramref name="start"/> is exceeded: the end of the
    /// Nth working day after the start day; or, for a period in days or months, the end of its last day as the
    /// Civil Code counts it (<see cref="LastDayOfPeriod"/>).</summary>
    public DateTimeOffset DueAt(DateTimeOffset start, TimeLimit limit)
    {
        var startDay = WorkingCalendar.LocalDate(start);
        return limit.Unit switch
        {
            TimeUnit.WorkingDays => calendar.DueAt(start, limit.Amount),
            TimeUnit.CalendarDays => WorkingCalendar.StartOfDay(LastDayOfPeriod(startDay.AddDays(limit.Amount)).AddDays(1)),
            TimeUnit.Months => WorkingCalendar.StartOfDay(LastDayOfPeriod(startDay.AddMonths(limit.Amount)).AddDays(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(limit)),
        };
    }

    /// <summary>
    /// The last day of a period in days or months whose nominal last day is <paramref name="nominalLastDay"/>
    /// (民法典 第二百零一条: the start day is not counted; 第二百零二条: a period in months ends on the corresponding
    /// day of its last month, or that month's last day, which is what <see cref="DateOnly.AddMonths"/> gives):
    /// a last day that is a day off (a holiday or a weekend, 法定休假日) moves to the first working day after it
    /// (第二百零三条). A 30-day period ending on 2026-10-01 therefore ends on 2026-10-08.
    /// </summary>
    public DateOnly LastDayOfPeriod(DateOnly nominalLastDay)
    {
        var day = nominalLastDay;
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>
    /// Why the step's due date (or earliest completion) cannot be trusted, or null: its clock runs through a year
    /// with no calendar document, counted by the weekend rule alone, which would ignore that year's holidays.
    /// </summary>
    public string? Uncertainty(StepState step)
    {
        if (!step.IsOpen || (step.ClockStartedAt ?? step.StartedAt) is not { } clockStart)
        {
            return null;
        }

        var end = new[] { step.DueAt, step.EarliestCompletionAt }.Max();
        if (end is not { } until)
        {
            return null;
        }

        var missing = calendar.MissingYears(WorkingCalendar.LocalDate(clockStart), WorkingCalendar.LocalDate(until));
        return missing.Count == 0
            ? null
            : $"No working-day calendar for {string.Join(", ", missing)}: the date counts weekends only and ignores that year's holidays.";
    }

    /// <summary>Working days from <paramref name="from"/> to <paramref name="to"/>, for suspensions.</summary>
    public int WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to) => calendar.WorkingDaysBetween(from, to);

    public DateTimeOffset Extend(DateTimeOffset due, int workingDays) =>
        workingDays <= 0 ? due : calendar.ExtendByWorkingDays(due, workingDays);

    /// <summary>
    /// Red once due; yellow when the share of the limit used reaches the threshold or few working
    /// days are left (today counts as used); green otherwise. Days spent suspended count neither way.
    /// </summary>
    public Light LightAt(StepState step, DateTimeOffset at)
    {
        if (step.DueAt is not { } due || step.ClockStartedAt is not { } clockStart)
        {
            return Light.Green;
        }

        if (at >= due)
        {
            return Light.Red;
        }

        var (total, lastDay) = Span(clockStart, due, step.SuspendedWorkingDays);
        return IsYellow(WorkingCalendar.LocalDate(at), total, lastDay) ? Light.Yellow : Light.Green;
    }

    /// <summary>When the step's light will next change if nothing else happens, or null.</summary>
    public DateTimeOffset? NextChange(StepState step, DateTimeOffset now)
    {
        if (step.Status is StepStatus.Suspended || step.DueAt is not { } due || step.ClockStartedAt is not { } clockStart)
        {
            return null;
        }

        var light = LightAt(step, now);
        if (light == Light.Red)
        {
            return null;
        }

        if (light == Light.Yellow)
        {
            return due;
        }

        var (total, lastDay) = Span(clockStart, due, step.SuspendedWorkingDays);
        for (var day = WorkingCalendar.LocalDate(now).AddDays(1); day <= lastDay; day = day.AddDays(1))
        {
            if (calendar.IsWorkingDay(day) && IsYellow(day, total, lastDay))
            {
                return WorkingCalendar.StartOfDay(day);
            }
        }

        return due;
    }

    private (int Total, DateOnly LastDay) Span(DateTimeOffset clockStart, DateTimeOffset due, int suspendedWorkingDays)
    {
        var lastDay = WorkingCalendar.LocalDate(due.AddTicks(-1));
        var total = calendar.CountWorkingDays(WorkingCalendar.LocalDate(clockStart), lastDay) - suspendedWorkingDays;
        return (Math.Max(total, 1), lastDay);
    }

    private bool IsYellow(DateOnly today, int total, DateOnly lastDay)
    {
        var left = calendar.CountWorkingDays(today.AddDays(-1), lastDay);
        var used = total - left;
        return left <= rules.YellowWorkingDaysLeft || used >= rules.YellowShareUsed * total;
    }
}
