using System.Collections.Concurrent;
using System.Text;

namespace Workflow.Domain;

/// <summary>
/// Working days (工作日) of mainland China for statutory time limits.
/// Saturdays and Sundays are days off, except the adjusted working days (调休) of the
/// State Council's yearly holiday notice; its holidays are days off whatever the weekday.
/// </summary>
/// <remarks>
/// The calendar is data: one JSON document per year. A year with no document falls back to the plain
/// weekend rule, which counts that year's public holidays as working days and so makes limits fall due
/// too early; such a count is never trusted silently: the calendar raises <see cref="MissingYearAsked"/>
/// the first time it is asked about a year it does not have (the host logs it), and a step whose period
/// touches such a year is shown as uncertain (<see cref="MissingYears"/>).
/// All dates are in China Standard Time (UTC+8, no daylight saving).
/// </remarks>
public sealed class WorkingCalendar
{
    /// <summary>China Standard Time; China has had no daylight saving since 1991.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private const string ResourcePrefix = "Workflow.Domain.Calendar.";

    private static readonly Lazy<WorkingCalendar> EmbeddedCalendar = new(ReadEmbedded);

    private readonly HashSet<int> years = new();

    private readonly Dictionary<int, string> sources = new();

    // Years without a document that someone asked about, reported once each. Grains ask concurrently.
    private readonly ConcurrentDictionary<int, bool> missingAsked = new();

    // Dates whose status differs from, or is fixed over, the weekend rule: true = working day.
    private readonly Dictionary<DateOnly, bool> fixedDays = new();

    // workingUpTo[i]: the working days among the first i days from TableStart. Working days are counted and added by
    // subtraction and binary search rather than a walk over the days (every act recounts each open step's days).
    private static readonly DateOnly TableStart = new(1990, 1, 1);
    private static readonly DateOnly TableEnd = new(2100, 12, 31);
    private readonly int[] workingUpTo;

    private WorkingCalendar(IEnumerable<CalendarYear> calendarYears)
    {
        foreach (var calendarYear in calendarYears)
        {
            years.Add(calendarYear.Year);
            sources[calendarYear.Year] = calendarYear.Source;
            Fix(calendarYear.DaysOff, working: false, calendarYear.Year);
            Fix(calendarYear.Workdays, working: true, calendarYear.Year);
        }

        Years = years.Order().ToArray();
        workingUpTo = new int[TableEnd.DayNumber - TableStart.DayNumber + 2];
        for (var i = 1; i < workingUpTo.Length; i++)
        {
            var date = TableStart.AddDays(i - 1);
            workingUpTo[i] = workingUpTo[i - 1] + (IsFixedOrWeekdayWorking(date) ? 1 : 0);
        }
    }

    /// <summary>Raised the first time this calendar is asked about a day of a year it has no document for, with that
    /// year; once per year and instance. The domain has no logger: the host subscribes and logs.</summary>
    public event Action<int>? MissingYearAsked;

    /// <summary>The years that have a document.</summary>
    public IReadOnlyList<int> Years { get; }

    /// <summary>The calendar of the years shipped inside this assembly (Calendar/*.json), one shared instance.</summary>
    public static WorkingCalendar Embedded() => EmbeddedCalendar.Value;

    /// <summary>A new instance of the shipped years, for a host that subscribes to <see cref="MissingYearAsked"/>
    /// (the shared <see cref="Embedded"/> instance would report each year once per process, not once per host).</summary>
    public static WorkingCalendar Shipped() => ReadEmbedded();

    /// <summary>A calendar of the given documents only (no embedded years).</summary>
    /// <exception cref="FormatException">A document is invalid, or two documents describe the same year.</exception>
    public static WorkingCalendar FromJson(IEnumerable<string> jsonDocuments)
    {
        ArgumentNullException.ThrowIfNull(jsonDocuments);
        var parsed = jsonDocuments.Select((json, index) => CalendarYear.Parse(json, $"document #{index + 1}"));
        return new WorkingCalendar(ByYear(parsed).Values);
    }

    /// <summary>
    /// The embedded years merged with every <c>*.json</c> file of <paramref name="directory"/>;
    /// a file replaces the embedded document of the same year as a whole.
    /// </summary>
    /// <exception cref="FormatException">A file is invalid, or two files describe the same year.</exception>
    public static WorkingCalendar Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var files = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal);
        var fromDirectory = ByYear(files.Select(file => CalendarYear.Parse(File.ReadAllText(file, Encoding.UTF8), file)));

        var merged = ByYear(ReadEmbeddedYears());
        foreach (var (year, calendarYear) in fromDirectory)
        {
            merged[year] = calendarYear;
        }

        return new WorkingCalendar(merged.Values);
    }

    /// <summary>The calendar date of <paramref name="instant"/> in China.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(ChinaOffset).DateTime);

    /// <summary>00:00 China time of <paramref name="date"/>.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), ChinaOffset);

    /// <summary>Whether the year has a document; without one only weekends are days off.</summary>
    public bool HasYear(int year) => years.Contains(year);

    /// <summary>The notice a year's document was checked against (its <c>source</c>), or null without a document.</summary>
    public string? SourceOf(int year) => sources.GetValueOrDefault(year);

    /// <summary>The years from <paramref name="from"/> to <paramref name="to"/> (inclusive) that have no document,
    /// in order; each is reported through <see cref="MissingYearAsked"/>.</summary>
    public IReadOnlyList<int> MissingYears(DateOnly from, DateOnly to)
    {
        var missing = new List<int>();
        for (var year = from.Year; year <= to.Year; year++)
        {
            if (!years.Contains(year))
            {
                ReportMissing(year);
                missing.Add(year);
            }
        }

        return missing;
    }

    /// <summary>Whether <paramref name="date"/> is a working day; in a year without a document, by the weekend rule
    /// alone (reported through <see cref="MissingYearAsked"/>).</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (!years.Contains(date.Year))
        {
            ReportMissing(date.Year);
        }

        return IsFixedOrWeekdayWorking(date);
    }

    /// <summary>The <paramref name="n"/>th working day after <paramref name="start"/>, which is not counted; n = 0 gives start.</summary>
    public DateOnly AddWorkingDays(DateOnly start, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n > 0 && start >= TableStart && start < TableEnd)
        {
            // The first index whose count passes start's by n ends on the nth working day after start.
            var from = start.DayNumber - TableStart.DayNumber + 1;
            var target = workingUpTo[from] + n;
            var index = Array.BinarySearch(workingUpTo, from, workingUpTo.Length - from, target);
            if (index >= 0)
            {
                while (index > from && workingUpTo[index - 1] == target)
                {
                    index--;
                }

                var found = TableStart.AddDays(index - 1);
                ReportMissingBetween(start, found);
                return found;
            }
        }

        var date = start;
        var remaining = n;
        while (remaining > 0)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }

        return date;
    }

    /// <summary>Working days d with fromExclusive &lt; d ≤ toInclusive; 0 when toInclusive ≤ fromExclusive.</summary>
    public int CountWorkingDays(DateOnly fromExclusive, DateOnly toInclusive)
    {
        if (toInclusive <= fromExclusive)
        {
            return 0;
        }

        if (fromExclusive >= TableStart && toInclusive <= TableEnd)
        {
            ReportMissingBetween(fromExclusive, toInclusive);
            return workingUpTo[toInclusive.DayNumber - TableStart.DayNumber + 1] - workingUpTo[fromExclusive.DayNumber - TableStart.DayNumber + 1];
        }

        var count = 0;
        for (var date = fromExclusive; date < toInclusive;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The instant a limit of <paramref name="workingDays"/> working days from <paramref name="start"/> is exceeded:
    /// the end (next midnight, China time) of the Nth working day after the start day. The start day itself is
    /// not counted, as time limits run from the day after the application.
    /// </summary>
    public DateTimeOffset DueAt(DateTimeOffset start, int workingDays) =>
        StartOfDay(AddWorkingDays(LocalDate(start), workingDays).AddDays(1));

    /// <summary>
    /// Moves a due instant later by <paramref name="workingDays"/> working days, e.g. by the working days a
    /// case spent suspended for correction (补正). The instant belongs to the day it falls in, except that
    /// midnight belongs to the day it ends (as <see cref="DueAt"/> returns); that day moves by N working
    /// days and the time of day is kept, so ExtendByWorkingDays(DueAt(s, n), k) == DueAt(s, n + k).
    /// </summary>
    public DateTimeOffset ExtendByWorkingDays(DateTimeOffset due, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var local = due.ToOffset(ChinaOffset);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (local.TimeOfDay == TimeSpan.Zero)
        {
            day = day.AddDays(-1);
        }

        var moved = AddWorkingDays(day, workingDays);
        return local.AddDays(moved.DayNumber - day.DayNumber);
    }

    /// <summary>Working days between the China dates of two instants, as <see cref="CountWorkingDays"/>.</summary>
    public int WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to) => CountWorkingDays(LocalDate(from), LocalDate(to));

    private static Dictionary<int, CalendarYear> ByYear(IEnumerable<CalendarYear> calendarYears)
    {
        var byYear = new Dictionary<int, CalendarYear>();
        foreach (var calendarYear in calendarYears)
        {
            if (!byYear.TryAdd(calendarYear.Year, calendarYear))
            {
                throw new FormatException($"Calendar: two documents describe the year {calendarYear.Year}.");
            }
        }

        return byYear;
    }

    private static WorkingCalendar ReadEmbedded() => new(ByYear(ReadEmbeddedYears()).Values);

    private static IEnumerable<CalendarYear> ReadEmbeddedYears()
    {
        var assembly = typeof(WorkingCalendar).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)
                && name.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Embedded resource {name} cannot be opened.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            yield return CalendarYear.Parse(reader.ReadToEnd(), name);
        }
    }

    private bool IsFixedOrWeekdayWorking(DateOnly date) =>
        fixedDays.TryGetValue(date, out var working) ? working : !CalendarYear.IsWeekend(date);

    /// <summary>Reports the years without a document among the days after <paramref name="fromExclusive"/> up to
    /// <paramref name="toInclusive"/>, as asking about each of those days would.</summary>
    private void ReportMissingBetween(DateOnly fromExclusive, DateOnly toInclusive)
    {
        for (var year = fromExclusive.AddDays(1).Year; year <= toInclusive.Year; year++)
        {
            if (!years.Contains(year))
            {
                ReportMissing(year);
            }
        }
    }

    private void ReportMissing(int year)
    {
        // Every grain asks at once (IsWorkingDay once per date): a read first, since TryAdd always takes a lock (an acts
        // profile had 4% of the process's time contending for it once deadlines ran into 2027).
        if (!missingAsked.ContainsKey(year) && missingAsked.TryAdd(year, true))
        {
            MissingYearAsked?.Invoke(year);
        }
    }

    // A date named by two documents (a holiday bridging New Year) must get the same status from both.
    private void Fix(IEnumerable<DateOnly> dates, bool working, int year)
    {
        foreach (var date in dates)
        {
            if (fixedDays.TryGetValue(date, out var existing) && existing != working)
            {
                throw new FormatException(
                    $"Calendar: {CalendarYear.Iso(date)} is given as {(working ? "a working day" : "a day off")} by year {year} and the opposite by another year.");
            }

            fixedDays[date] = working;
        }
    }
}
