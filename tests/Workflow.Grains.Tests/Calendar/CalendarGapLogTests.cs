using Microsoft.Extensions.Logging;
using Workflow.Domain;

namespace Workflow.Grains.Tests;

public sealed class CalendarGapLogTests
{
    [Fact]
    public void Attach_DeadlinesInAMissingYearAskedTwice_OneErrorNamingTheYear()
    {
        var logger = new RecordingLogger();
        var calendar = CalendarGapLog.Attach(WorkingCalendar.Shipped(), logger);
        var last = calendar.Years.Max();

        calendar.AddWorkingDays(new DateOnly(last, 12, 20), 20);
        calendar.AddWorkingDays(new DateOnly(last, 12, 21), 20);

        var errors = logger.Entries.Where(e => e.Level == LogLevel.Error).ToList();
        var error = Assert.Single(errors);
        Assert.Contains((last + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("2020", StringComparison.Ordinal));
    }

    [Fact]
    public void Attach_DeadlinesWithinShippedYears_NoError()
    {
        var logger = new RecordingLogger();
        var calendar = CalendarGapLog.Attach(WorkingCalendar.Shipped(), logger);

        calendar.AddWorkingDays(new DateOnly(2024, 3, 1), 60);

        Assert.DoesNotContain(logger.Entries, e => e.Level == LogLevel.Error);
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
