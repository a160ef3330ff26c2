using System.Diagnostics;

namespace Workflow.Benchmarks;

/// <summary>What one fixed-rate run of reads measured.</summary>
public sealed record RateRun(double Offered, double Dispatched, double P50Ms, double P99Ms, int Requests, double P90Ms);

/// <summary>
/// <em>status</em>: <c>GET /api/projects/{code}</c> of projects drawn at random from all registered ones, at a fixed
/// offered rate (open loop); and the ladder of rates that finds the highest one held with p99 within the goal.
/// <em>lists</em>: filtered pages of the project list, one after another.
/// </summary>
public sealed class StatusScenario(LandFlowClient client, IReadOnlyList<string> codes)
{
    private static readonly string[] Filters =
    [
        "?county=330502&pageSize=20",
        "?state=active&pageSize=20",
        "?light=green&pageSize=20",
        "?step=approval&pageSize=20",
        "?county=330521&step=approval&pageSize=20",
        "?county=330503&state=active&light=green&pageSize=50",
        "?state=active&page=200&pageSize=100",
    ];

    public async Task<RateRun> AtRateAsync(double rate, double seconds, int seed)
    {
        var random = new Random(seed);
        var count = Math.Max(1, (int)(rate * seconds));
        var picks = Enumerable.Range(0, count).Select(_ => codes[random.Next(codes.Count)]).ToArray();
        var latencies = new LatencyLog();
        var dispatched = await OpenLoop.RunAsync(count, rate, async (i, planned) =>
        {
            if (await client.GetAsync("admin", "/api/projects/" + picks[i]) is { } error)
            {
                latencies.Fail(error);
                return;
            }

            latencies.Add(planned, Stopwatch.GetTimestamp());
        });
        latencies.ThrowIfFailed($"status at {rate:F0}/s");
        return new RateRun(rate, dispatched, latencies.Percentile(50), latencies.Percentile(99), count, latencies.Percentile(90));
    }

    /// <summary>Rates from <paramref name="start"/> up (×1.5 each step) until p99 passes the goal or the dispatcher or
    /// the server cannot keep the rate; the highest rate held.</summary>
    public async Task<(double Held, IReadOnlyList<RateRun> Steps)> HighestRateAsync(double start, double stepSeconds, double p99GoalMs, int seed)
    {
        var steps = new List<RateRun>();
        var held = 0.0;
        for (var rate = start; rate < 200_000; rate *= 1.5)
        {
            var run = await AtRateAsync(rate, stepSeconds, seed + steps.Count);
            steps.Add(run);
            if (run.P99Ms > p99GoalMs || run.Dispatched < rate * 0.95)
            {
                break;
            }

            held = rate;
        }

        return (held, steps);
    }

    /// <summary>Latencies of <paramref name="rounds"/> rounds over the list filters, as the leader (sees every project).</summary>
    public async Task<LatencyLog> ListsAsync(int rounds)
    {
        var latencies = new LatencyLog();
        foreach (var filter in Filters)
        {
            await client.GetAsync("leader-li", "/api/projects" + filter);
        }

        for (var r = 0; r < rounds; r++)
        {
            foreach (var filter in Filters)
            {
                var sent = Stopwatch.GetTimestamp();
                if (await client.GetAsync("leader-li", "/api/projects" + filter) is { } error)
                {
                    latencies.Fail(error);
                    continue;
                }

                latencies.Add(sent, Stopwatch.GetTimestamp());
            }
        }

        latencies.ThrowIfFailed("lists");
        return latencies;
    }

    /// <summary>Reads every project once (activating each grain), <paramref name="concurrency"/> at a time; seconds taken.</summary>
    public async Task<double> TouchAllAsync(int concurrency)
    {
        var started = Stopwatch.GetTimestamp();
        await ActsScenario.ForEachAsync(codes, concurrency, async code =>
        {
            if (await client.GetAsync("admin", "/api/projects/" + code) is { } error)
            {
                throw new InvalidOperationException(error);
            }
        });
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
