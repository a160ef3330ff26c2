using System.Globalization;
using Workflow.Grains;
using Workflow.Storage;

namespace Workflow.Hosting;

/// <summary>Moves this silo's clock forward, durably (the offset survives restarts, so the clock never
/// appears to run back), and fires every deadline that fell due in between before it returns.</summary>
public sealed class DevClockControl(AdjustableClock clock, ISettingsStore settings, DeadlineScheduler scheduler) : IDevClockControl
{
    public const string OffsetSetting = "dev-clock-offset-ticks";

    private readonly SemaphoreSlim moving = new(1, 1);

    public DateTimeOffset Now => clock.GetUtcNow();

    public Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken = default) => Task.FromResult(Now);

    public async Task<DateTimeOffset> MoveToAsync(DateTimeOffset target, CancellationToken cancellationToken = default)
    {
        await SetAsync(target, cancellationToken);
        await SweepAsync(cancellationToken);
        return target;
    }

    /// <summary>Moves the clock without waking anything: in a cluster every silo moves first, then they sweep,
    /// so no project is woken by one silo while its own silo still reads the earlier time.</summary>
    public async Task SetAsync(DateTimeOffset target, CancellationToken cancellationToken = default)
    {
        await moving.WaitAsync(cancellationToken);
        try
        {
            if (target < clock.GetUtcNow())
            {
                throw new ArgumentOutOfRangeException(nameof(target), $"The clock is at {clock.GetUtcNow():o}; it never moves back.");
            }

            var offset = target - clock.Inner.GetUtcNow();
            await settings.SetAsync(OffsetSetting, offset.Ticks.ToString(CultureInfo.InvariantCulture), cancellationToken);
            clock.SetOffset(offset);
        }
        finally
        {
            moving.Release();
        }
    }

    /// <summary>Wakes every project whose deadline the clock has reached; returns how many.</summary>
    public Task<int> SweepAsync(CancellationToken cancellationToken = default) => scheduler.SweepAsync(cancellationToken);

    /// <summary>Restores the offset saved by an earlier run.</summary>
    public static async Task RestoreAsync(AdjustableClock clock, ISettingsStore settings, CancellationToken cancellationToken = default)
    {
        if (await settings.GetAsync(OffsetSetting, cancellationToken) is { } saved
            && long.TryParse(saved, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks))
        {
            clock.SetOffset(TimeSpan.FromTicks(ticks));
        }
    }
}
