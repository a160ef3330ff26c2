using System.Diagnostics;

namespace Workflow.Benchmarks;

/// <summary>
/// A fixed offered rate, independent of the answers (open loop): request i is started at its planned instant
/// <c>start + i / rate</c> by a dispatcher thread, and its latency is counted from that planned instant, so a slow
/// answer that delays later requests shows in their latency too (no coordinated omission).
/// </summary>
public static class OpenLoop
{
    /// <summary>Starts <paramref name="count"/> requests at <paramref name="rate"/> per second and waits for all; returns
    /// the rate at which the dispatcher actually started them.</summary>
    public static async Task<double> RunAsync(int count, double rate, Func<int, long, Task> send)
    {
        var tasks = new Task[count];
        var begun = 0L;
        var dispatched = 0L;
        var dispatcher = new Thread(() =>
        {
            var start = Stopwatch.GetTimestamp();
            Volatile.Write(ref begun, start);
            for (var i = 0; i < count; i++)
            {
                var planned = start + (long)(i * Stopwatch.Frequency / rate);
                WaitUntil(planned);
                tasks[i] = send(i, planned);
            }

            Volatile.Write(ref dispatched, Stopwatch.GetTimestamp());
        })
        { IsBackground = true, Name = "open-loop dispatcher" };
        dispatcher.Start();
        await Task.Run(dispatcher.Join);
        await Task.WhenAll(tasks);
        var seconds = Stopwatch.GetElapsedTime(begun, dispatched).TotalSeconds;
        return seconds > 0 ? (count - 1) / seconds : rate;
    }

    private static void WaitUntil(long timestamp)
    {
        while (true)
        {
            var remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (remaining > Stopwatch.Frequency / 500)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.Yield();
            }
        }
    }
}
