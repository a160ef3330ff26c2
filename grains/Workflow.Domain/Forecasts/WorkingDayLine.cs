namespace Workflow.Domain;

/// <summary>
/// Working days from a first day onwards, indexed so that adding N working days is two array reads: a forecast adds
/// durations hundreds of thousands of times per status read. It grows a year at a time as far as the runs reach, so it
/// asks the calendar about (and reports missing) only the years a forecast lands in.
/// </summary>
public sealed class WorkingDayLine(WorkingCalendar calendar, DateOnly first)
{
    private readonly List<int> ordinalOfDay = [];   // working days in [first, day]
    private readonly List<int> workingDays = [];    // day offsets from first of the 1st, 2nd, ... working day

    public DateOnly First { get; } = first;

    /// <summary>The <paramref name="n"/>th working day after the day <paramref name="dayNumber"/> (not counted), as
    /// <see cref="WorkingCalendar.AddWorkingDays"/>, for days from <see cref="First"/> on.</summary>
    public int AddWorkingDays(int dayNumber, int n)
    {
        var offset = dayNumber - First.DayNumber;
        ArgumentOutOfRangeException.ThrowIfNegative(offset, nameof(dayNumber));
        if (n <= 0)
        {
            return dayNumber;
        }

        Cover(offset);
        var target = ordinalOfDay[offset] + n;
        while (workingDays.Count < target)
        {
            Grow();
        }

        return First.DayNumber + workingDays[target - 1];
    }

    /// <summary>The day itself if it is a working day, else the next working day.</summary>
    public int OnOrAfterWorkingDay(int dayNumber) =>
        calendar.IsWorkingDay(DateOnly.FromDayNumber(dayNumber)) ? dayNumber : AddWorkingDays(dayNumber, 1);

    private void Cover(int offset)
    {
        while (ordinalOfDay.Count <= offset)
        {
            Grow();
        }
    }

    private void Grow()
    {
        for (var i = 0; i < 366; i++)
        {
            var offset = ordinalOfDay.Count;
            var previous = offset == 0 ? 0 : ordinalOfDay[offset - 1];
            if (calendar.IsWorkingDay(First.AddDays(offset)))
            {
                workingDays.Add(offset);
                previous++;
            }

            ordinalOfDay.Add(previous);
        }
    }
}
