using System.Diagnostics;

namespace Workflow.Benchmarks;

/// <summary>Latencies in milliseconds, kept whole (runs are short), read as percentiles.</summary>
public sealed class LatencyLog
{
    private readonly Lock gate = new();
    private readonly List<double> milliseconds = [];
    private int failures;
    private string? firstFailure;

    public int Count
    {
        get
        {
            lock (gate)
            {
                return milliseconds.Count;
            }
        }
    }

    public int Failures => Volatile.Read(ref failures);

    public string? FirstFailure => firstFailure;

    public void Add(long fromTimestamp, long toTimestamp)
    {
        var ms = Stopwatch.GetElapsedTime(fromTimestamp, toTimestamp).TotalMilliseconds;
        lock (gate)
        {
            milliseconds.Add(ms);
        }
    }

    public void Fail(string what)
    {
        Interlocked.CompareExchange(ref firstFailure, what, null);
        Interlocked.Increment(ref failures);
    }

    public double Percentile(double p)
    {
        double[] sorted;
        lock (gate)
        {
            sorted = [.. milliseconds.Order()];
        }

        return SampleSummary.Percentile(sorted, p);
    }

    public void ThrowIfFailed(string scenario)
    {
        if (Failures > 0)
        {
            throw new InvalidOperationException($"{scenario}: {Failures} request(s) failed; the first: {FirstFailure}");
        }
    }
}
