using Microsoft.Extensions.Logging;
using Workflow.Domain;

namespace Workflow.Grains;

/// <summary>
/// Says loudly in the log which years a silo's working-day calendar lacks: once at start, the years it has, and once
/// per year, the first time a deadline, light or count asks about a year without a document (counted by weekends
/// only, so the steps concerned show <c>dueUncertain</c>).
/// </summary>
public static partial class CalendarGapLog
{
    public static WorkingCalendar Attach(WorkingCalendar calendar, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(logger);
        LogYears(logger, string.Join(", ", calendar.Years));
        calendar.MissingYearAsked += year => LogMissingYear(logger, year);
        return calendar;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Working-day calendar loaded for the years {Years}.")]
    private static partial void LogYears(ILogger logger, string years);

    [LoggerMessage(Level = LogLevel.Error, Message = "No working-day calendar for {Year}: deadlines in that year count weekends only and ignore its holidays, and are shown as uncertain (dueUncertain). Add cn-{Year}.json, checked against the State Council's holiday notice, to LandFlow:CalendarDirectory.")]
    private static partial void LogMissingYear(ILogger logger, int year);
}
