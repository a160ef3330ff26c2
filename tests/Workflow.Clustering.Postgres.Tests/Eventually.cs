using System.Diagnostics;

namespace Workflow.Clustering.Postgres.Tests;

/// <summary>Waits on a condition, checking it again every few milliseconds, and fails with what it waited for.</summary>
internal static class Eventually
{
    public static async Task<TimeSpan> WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!await condition())
        {
            if (stopwatch.Elapsed > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.");
            }

            await ticks.WaitForNextTickAsync();
        }

        return stopwatch.Elapsed;
    }
}
