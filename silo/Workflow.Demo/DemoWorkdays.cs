using Workflow.Domain;

namespace Workflow.Demo;

/// <summary>Working days counted from a registration day, so a script shifted by whole working
/// days keeps every light and limit it had.</summary>
internal sealed class DemoWorkdays(WorkingCalendar calendar, DateOnly first)
{
    private readonly List<DateOnly> days = [first];

    public DateOnly Day(int offset)
    {
        while (days.Count <= offset)
        {
            var next = days[^1].AddDays(1);
            while (!calendar.IsWorkingDay(next))
            {
                next = next.AddDays(1);
            }

            days.Add(next);
        }

        return days[offset];
    }

    public DateTimeOffset At(int offset, int minuteOfDay) =>
        WorkingCalendar.StartOfDay(Day(offset)).AddMinutes(minuteOfDay).ToUniversalTime();

    /// <summary>The working day <paramref name="workingDays"/> working days before <paramref name="day"/>.</summary>
    public static DateOnly Back(WorkingCalendar calendar, DateOnly day, int workingDays)
    {
        var date = day;
        var remaining = workingDays;
        while (remaining > 0)
        {
            date = date.AddDays(-1);
            if (calendar.IsWorkingDay(date))
            {
                remaining--;
            }
        }

        return date;
    }
}
