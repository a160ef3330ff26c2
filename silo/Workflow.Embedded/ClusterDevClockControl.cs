using Workflow.Hosting;

namespace Workflow.Embedded;

/// <summary>
/// The development clock of a cluster-mode gateway: every active silo's clock is moved first, and only then
/// does every silo sweep its due deadlines, so a project woken anywhere reads the new time on its own silo.
/// </summary>
public sealed class ClusterDevClockControl(IClusterClient client) : IDevClockControl
{
    private readonly SemaphoreSlim moving = new(1, 1);

    public async Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken = default)
    {
        var nows = await SendAsync(SiloDevClock.ReadCommand, null);
        return Latest(nows);
    }

    public async Task<DateTimeOffset> MoveToAsync(DateTimeOffset target, CancellationToken cancellationToken = default)
    {
        await moving.WaitAsync(cancellationToken);
        try
        {
            var before = Latest(await SendAsync(SiloDevClock.ReadCommand, null));
            if (target < before)
            {
                throw new ArgumentOutOfRangeException(nameof(target), $"The clock is at {before:o}; it never moves back.");
            }

            var after = Latest(await SendAsync(SiloDevClock.MoveCommand, target.UtcTicks));
            if (after > target.AddSeconds(1))
            {
                // Another gateway moved it past the target meanwhile.
                throw new ArgumentOutOfRangeException(nameof(target), $"The clock is at {after:o}; it never moves back.");
            }

            await SendAsync(SiloDevClock.SweepCommand, null);
            return target;
        }
        finally
        {
            moving.Release();
        }
    }

    private async Task<object?[]> SendAsync(int command, object? arg) =>
        await client.GetGrain<IManagementGrain>(0).SendControlCommandToProvider<SiloDevClock>(SiloDevClock.ProviderName, command, arg);

    private static DateTimeOffset Latest(object?[] nows) =>
        nows.Length == 0
            ? throw new InvalidOperationException("No active silo answered for the development clock.")
            : new DateTimeOffset(nows.Max(now => Convert.ToInt64(now, System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.Zero);
}
