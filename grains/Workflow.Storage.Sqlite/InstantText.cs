using System.Globalization;

namespace Workflow.Storage.Sqlite;

/// <summary>How instants are written: ISO 8601 round-trip text, which keeps ticks and offset exactly.</summary>
internal static class InstantText
{
    public static string Format(DateTimeOffset instant) => instant.ToString("o", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, "o", CultureInfo.InvariantCulture, DateTimeStyles.None);

    /// <summary>Rebuilds an instant stored as sortable UTC ticks plus the offset it was given with.</summary>
    public static DateTimeOffset FromUtcTicks(long utcTicks, long offsetMinutes) =>
        new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));

    public static long OffsetMinutes(DateTimeOffset instant) => (long)instant.Offset.TotalMinutes;
}
