namespace Workflow.Storage.Postgres;

/// <summary>
/// How instants are stored: UTC ticks (sortable, 100 ns like .NET; timestamptz has only
/// microseconds) plus the offset in minutes, so each one comes back exactly as it was given.
/// </summary>
internal static class Instants
{
    public static short OffsetMinutes(DateTimeOffset instant) => (short)instant.Offset.TotalMinutes;

    public static DateTimeOffset FromStored(long utcTicks, short offsetMinutes) =>
        new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));
}
