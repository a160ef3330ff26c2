using System.Globalization;
using System.Text;

namespace Workflow.Domain.Tests;

public sealed class CalendarDocumentTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "landflow-calendar-" + Guid.NewGuid().ToString("N"));

    public CalendarDocumentTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void FromJson_NoDocuments_WeekendsOnly()
    {
        var calendar = WorkingCalendar.FromJson([]);

        Assert.False(calendar.HasYear(2026));
        Assert.True(calendar.IsWorkingDay(Day("2026-10-01")));
        Assert.False(calendar.IsWorkingDay(Day("2026-10-10")));
    }

    [Fact]
    public void FromJson_Document_HolidaysAndWorkdaysApply()
    {
        var calendar = WorkingCalendar.FromJson([Year(2030, Holiday("2030-10-01", "2030-10-07"), ["2030-09-29"])]);

        Assert.True(calendar.HasYear(2030));
        Assert.False(calendar.IsWorkingDay(Day("2030-10-01")));
        Assert.True(calendar.IsWorkingDay(Day("2030-09-29")));
        Assert.True(calendar.IsWorkingDay(Day("2030-10-08")));
    }

    [Fact]
    public void FromJson_HolidayBridgingNewYear_AppliesToPreviousYear()
    {
        // The 2023 New Year holiday ran from Saturday 2022-12-31 to Monday 2023-01-02.
        var calendar = WorkingCalendar.FromJson([Year(2023, Holiday("2022-12-31", "2023-01-02"), [])]);

        Assert.False(calendar.HasYear(2022));
        Assert.False(calendar.IsWorkingDay(Day("2022-12-31")));
        Assert.False(calendar.IsWorkingDay(Day("2023-01-02")));
    }

    [Fact]
    public void FromJson_TwoYearsDisagreeOnDate_Throws()
    {
        var a = Year(2023, Holiday("2022-12-31", "2023-01-02"), []);
        var b = Year(2022, Holiday("2022-10-01", "2022-10-07"), ["2022-12-31"]);

        Assert.Throws<FormatException>(() => WorkingCalendar.FromJson([a, b]));
    }

    [Fact]
    public void FromJson_SameYearTwice_Throws()
    {
        var document = Year(2030, Holiday("2030-10-01", "2030-10-07"), []);

        var ex = Assert.Throws<FormatException>(() => WorkingCalendar.FromJson([document, document]));
        Assert.Contains("2030", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"year":2030,"holidays":[]}""")] // workdays missing
    [InlineData("""{"year":2030,"holidays":[],"workdays":[],"workday":[]}""")] // misspelt key
    [InlineData("""{"year":2030,"holidays":[],"workdays":["2030-10-09"]}""")] // a Wednesday
    [InlineData("""{"year":2030,"holidays":[{"name":"x","from":"2030-10-07","to":"2030-10-01"}],"workdays":[]}""")]
    [InlineData("""{"year":2030,"holidays":[{"name":"x","from":"2030-10-05","to":"2030-10-06"}],"workdays":["2030-10-05"]}""")]
    [InlineData("""{"year":2030,"holidays":[{"name":"x","from":"2035-10-01","to":"2035-10-02"}],"workdays":[]}""")]
    [InlineData("""{"year":2030,"holidays":[],"workdays":["2030-13-01"]}""")]
    [InlineData("""{"year":2030,"holidays":null,"workdays":[]}""")]
    [InlineData("not json")]
    public void FromJson_InvalidDocument_ThrowsFormatException(string json) =>
        Assert.Throws<FormatException>(() => WorkingCalendar.FromJson([json]));

    [Fact]
    public void Load_DirectoryFileForEmbeddedYear_ReplacesIt()
    {
        // This 2026 file has no adjusted working days and makes 10-08 a holiday.
        Write("cn-2026.json", Year(2026, Holiday("2026-10-01", "2026-10-08"), []));

        var calendar = WorkingCalendar.Load(directory);

        Assert.False(calendar.IsWorkingDay(Day("2026-10-08")));
        Assert.False(calendar.IsWorkingDay(Day("2026-10-10")));
        Assert.True(calendar.IsWorkingDay(Day("2026-02-16")));
    }

    [Fact]
    public void Load_DirectoryFileForNewYear_AddsItAndKeepsEmbedded()
    {
        Write("cn-2027.json", Year(2027, Holiday("2027-10-01", "2027-10-07"), ["2027-09-26"]));

        var calendar = WorkingCalendar.Load(directory);

        Assert.True(calendar.HasYear(2026));
        Assert.True(calendar.HasYear(2027));
        Assert.False(calendar.IsWorkingDay(Day("2027-10-01")));
        Assert.True(calendar.IsWorkingDay(Day("2027-09-26")));
        Assert.True(calendar.IsWorkingDay(Day("2026-10-10")));
    }

    [Fact]
    public void Load_EmptyDirectory_SameAsEmbedded()
    {
        var calendar = WorkingCalendar.Load(directory);

        Assert.Equal(WorkingCalendar.Embedded().Years, calendar.Years);
        Assert.False(calendar.IsWorkingDay(Day("2026-10-01")));
    }

    [Fact]
    public void Load_TwoFilesForSameYear_Throws()
    {
        Write("a.json", Year(2027, Holiday("2027-10-01", "2027-10-07"), []));
        Write("b.json", Year(2027, Holiday("2027-10-01", "2027-10-06"), []));

        Assert.Throws<FormatException>(() => WorkingCalendar.Load(directory));
    }

    [Fact]
    public void Load_InvalidFile_MessageNamesFile()
    {
        Write("broken.json", "{");

        var ex = Assert.Throws<FormatException>(() => WorkingCalendar.Load(directory));
        Assert.Contains("broken.json", ex.Message, StringComparison.Ordinal);
    }

    private static string Holiday(string from, string to) =>
        $$"""{"name":"test","from":"{{from}}","to":"{{to}}"}""";

    private static string Year(int year, string holiday, string[] workdays) =>
        $$"""{"year":{{year}},"source":"test","rule":"test","holidays":[{{holiday}}],"workdays":[{{string.Join(",", workdays.Select(d => $"\"{d}\""))}}]}""";

    private void Write(string name, string json) => File.WriteAllText(Path.Combine(directory, name), json, Encoding.UTF8);

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
