using Workflow.Hosting;

namespace Workflow.Gateway.Tests;

/// <summary>A movable clock for the dev clock endpoints while the real one (grains work) is not registered.</summary>
internal sealed class TestDevClock : IDevClockControl
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(8));

    public DateTimeOffset Now
    {
        get
        {
            lock (_gate)
            {
                return _now;
            }
        }
    }

    public Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken = default) => Task.FromResult(Now);

    public Task<DateTimeOffset> MoveToAsync(DateTimeOffset target, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(target, _now);
            _now = target;
            return Task.FromResult(_now);
        }
    }
}
