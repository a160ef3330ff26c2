namespace Workflow.Hosting;

/// <summary>
/// The platform's clock in embedded/development mode: real time plus an offset that only grows, so
/// statutory periods of weeks can be demonstrated in minutes. Timers and timestamps are the inner
/// clock's, so durations and timeouts stay real.
/// </summary>
public sealed class AdjustableClock(TimeProvider inner) : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public TimeProvider Inner => inner;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>Sets the offset; refuses to move the clock back.</summary>
    public void SetOffset(TimeSpan offset)
    {
        while (true)
        {
            var current = Interlocked.Read(ref offsetTicks);
            if (offset.Ticks < current)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), "The clock never moves back.");
            }

            if (Interlocked.CompareExchange(ref offsetTicks, offset.Ticks, current) == current)
            {
                return;
            }
        }
    }
}
