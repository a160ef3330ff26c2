using System.Globalization;
using Workflow.Grains;
using Workflow.Storage;

namespace Workflow.Hosting;

/// <summary>Moves the embedded platform's clock forward, durably (the offset survives restarts, so
/// the clock never appears to run back), and fires every deadline that fell due in between before
/// it returns.</summary>
public sealed class DevClockControl(AdjustableClock clock, ISettingsStore settings, DeadlineScheduler scheduler) : IDevClockControl
{
    public const string OffsetSetting = "dev-clock-offset-ticks";

    private readonly SemaphoreSlim moving = new(1, 1);

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<DateTimeOffset> MoveToAsync(DateTimeOffset target, CancellationToken cancellationToken = default)
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
            await scheduler.SweepAsync(cancellationToken);
            return target;
        }
        finally
        {
            moving.Release();
        }
    }

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
