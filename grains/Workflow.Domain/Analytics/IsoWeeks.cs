using System.Globalization;

namespace Workflow.Domain;

/// <summary>ISO 8601 weeks (Monday to Sunday; week 1 holds the year's first Thursday) spelled as 2026-W49, the unit the
/// bulletin and the trend count completions in. Days are China dates (<see cref="WorkingCalendar.LocalDate"/>).</summary>
public static class IsoWeeks
{
    public static string Of(DateOnly day) =>
        $"{ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue)):D4}-W{ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)):D2}";

    public static string Of(DateTimeOffset instant) => Of(WorkingCalendar.LocalDate(instant));

    /// <summary>Parses 2026-W49 (also 2026-w49); false for anything else, including a week 53 the year does not have.</summary>
    public static bool TryParse(string? text, out DateOnly monday)
    {
        monday = default;
        if (text is not { Length: 8 } || text[4] != '-' || (text[5] != 'W' && text[5] != 'w')
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var week)
            || year < 1 || year > 9998 || week < 1 || week > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
        return true;
    }

    /// <summary>The Monday of the week holding <paramref name="day"/>.</summary>
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The last full week before <paramref name="today"/> (the week a bulletin reports by default).</summary>
    public static string LastFullWeekBefore(DateOnly today) => Of(MondayOf(today).AddDays(-7));

    /// <summary>The week before <paramref name="isoWeek"/>.</summary>
    public static string Previous(string isoWeek) =>
        TryParse(isoWeek, out var monday) ? Of(monday.AddDays(-7)) : throw new FormatException($"'{isoWeek}' is not an ISO week (2026-W49).");

    /// <summary>The last <paramref name="count"/> weeks up to and including the one holding <paramref name="today"/>, oldest first.</summary>
    public static IReadOnlyList<string> LastWeeks(DateOnly today, int count)
    {
        var monday = MondayOf(today);
        return [.. Enumerable.Range(0, count).Select(i => Of(monday.AddDays(-7 * (count - 1 - i))))];
    }
}
