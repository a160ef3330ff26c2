using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Domain;

/// <summary>
/// One year's official holiday arrangement (放假安排) as read from a calendar JSON document:
/// the dates that are days off whatever their weekday, and the weekend dates that are working days (调休).
/// </summary>
internal sealed class CalendarYear
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A misspelt key ("workday") would silently drop adjusted working days, so unknown keys are errors.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private CalendarYear(int year, string source, IReadOnlySet<DateOnly> daysOff, IReadOnlySet<DateOnly> workdays)
    {
        Year = year;
        Source = source;
        DaysOff = daysOff;
        Workdays = workdays;
    }

    public int Year { get; }

    public string Source { get; }

    public IReadOnlySet<DateOnly> DaysOff { get; }

    public IReadOnlySet<DateOnly> Workdays { get; }

    /// <summary>Parses and checks one document; <paramref name="documentName"/> only labels error messages.</summary>
    /// <exception cref="FormatException">The document is not a valid calendar year.</exception>
    public static CalendarYear Parse(string json, string documentName)
    {
        ArgumentNullException.ThrowIfNull(json);
        YearDocument document;
        try
        {
            document = JsonSerializer.Deserialize<YearDocument>(json, JsonOptions)
                ?? throw new FormatException($"Calendar {documentName}: the document is null.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Calendar {documentName}: {ex.Message}", ex);
        }

        var year = document.Year;
        if (year is < 2 or > 9998)
        {
            throw new FormatException($"Calendar {documentName}: year {year} is out of range.");
        }

        var daysOff = new HashSet<DateOnly>();
        foreach (var holiday in document.Holidays)
        {
            if (holiday.To < holiday.From)
            {
                throw new FormatException(
                    $"Calendar {documentName}: holiday '{holiday.Name}' ends ({Iso(holiday.To)}) before it starts ({Iso(holiday.From)}).");
            }

            for (var date = holiday.From; date <= holiday.To; date = date.AddDays(1))
            {
                RequireNearYear(date, year, documentName);
                daysOff.Add(date);
            }
        }

        var workdays = new HashSet<DateOnly>();
        foreach (var date in document.Workdays)
        {
            RequireNearYear(date, year, documentName);
            // An adjusted working day is by definition a weekend day; a weekday here is a typo.
            if (!IsWeekend(date))
            {
                throw new FormatException(
                    $"Calendar {documentName}: workday {Iso(date)} is a {date.DayOfWeek}; adjusted working days fall on weekends.");
            }

            if (daysOff.Contains(date))
            {
                throw new FormatException(
                    $"Calendar {documentName}: {Iso(date)} is listed both as a holiday and as a workday.");
            }

            workdays.Add(date);
        }

        return new CalendarYear(year, document.Source ?? string.Empty, daysOff, workdays);
    }

    // Messages name dates the way the documents write them, whatever the current culture.
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    // A notice may bridge New Year (e.g. the 2023 holiday ran 2022-12-31..2023-01-02), so the
    // neighbouring years are allowed; anything further away is a typo.
    private static void RequireNearYear(DateOnly date, int year, string documentName)
    {
        if (Math.Abs(date.Year - year) > 1)
        {
            throw new FormatException(
                $"Calendar {documentName}: {Iso(date)} is too far from the document's year {year}.");
        }
    }

    private sealed class YearDocument
    {
        public required int Year { get; init; }

        public string? Source { get; init; }

        public string? Rule { get; init; }

        public required List<HolidayEntry> Holidays { get; init; }

        public required List<DateOnly> Workdays { get; init; }
    }

    private sealed class HolidayEntry
    {
        public required string Name { get; init; }

        public required DateOnly From { get; init; }

        public required DateOnly To { get; init; }
    }
}
