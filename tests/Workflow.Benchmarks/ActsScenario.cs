using System.Diagnostics;

namespace Workflow.Benchmarks;

/// <summary>What one throughput run of the acts scenario measured.</summary>
public sealed record ActsThroughput(int Projects, int Acts, double ActSeconds, double ActsPerSecond, double P50Ms, double P99Ms);

/// <summary>The fixed-rate phase's latencies, all together and by act (<see cref="LalAct.EventName"/>): which acts make the tail.</summary>
public sealed record FixedRateLatencies(LatencyLog All, IReadOnlyDictionary<string, LatencyLog> ByAct);

/// <summary>
/// <em>acts</em>: projects driven concurrently through LAL_2020 over HTTP, every act acknowledged only once durable.
/// Projects move phase by phase; between phases the platform's clock jumps past the statutory minimum periods, and
/// only the time spent in phases (acts) is counted.
/// </summary>
public sealed class ActsScenario(LandFlowClient client, ProjectCodes codes, int counties)
{
    public async Task<IReadOnlyList<string>> RegisterAsync(int projects, int concurrency)
    {
        var made = Enumerable.Range(0, projects).Select(i =>
        {
            var county = ProjectCodes.Huzhou[i % counties];
            return (Code: codes.Next(county), County: county);
        }).ToList();
        await ForEachAsync(made, concurrency, async project =>
        {
            if (await client.RegisterAsync(project.Code, project.County) is { } error)
            {
                throw new InvalidOperationException(error);
            }
        });
        return [.. made.Select(p => p.Code)];
    }

    /// <summary>Whole lives of <paramref name="projects"/> new projects, at most <paramref name="concurrency"/> acts in flight;
    /// <paramref name="beforeActs"/> runs once the projects are registered, before their first act.</summary>
    public async Task<ActsThroughput> ThroughputAsync(int projects, int concurrency, Func<Task>? beforeActs = null)
    {
        // Registrations pass the registrar, a stateless worker with one activation per core on a silo, each taking one
        // registration (and its durable commit) at a time: 384 at once (the scaled run of docs/capacity.md) queued
        // there past the gateway's 5 s call timeout on a loaded machine. Registrations are not counted anyway.
        var registered = await RegisterAsync(projects, Math.Min(concurrency, 128));
        if (beforeActs is not null)
        {
            await beforeActs();
        }

        var gate = new SemaphoreSlim(concurrency);
        var latencies = new LatencyLog();
        var actSeconds = 0.0;
        for (var p = 0; p < LalScript.Phases.Count; p++)
        {
            var phase = LalScript.Phases[p];
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(registered.Select(code => PhaseAsync(code, phase, gate, latencies)));
            actSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
            latencies.ThrowIfFailed("acts");
            if (p < LalScript.Phases.Count - 1)
            {
                await client.AdvanceClockAsync(LalScript.ClockJump);
            }
        }

        var acts = projects * LalScript.ActCount;
        return new ActsThroughput(projects, acts, actSeconds, acts / actSeconds, latencies.Percentile(50), latencies.Percentile(99));
    }

    /// <summary>Acts of the first phase of new projects, offered at <paramref name="rate"/> per second for
    /// <paramref name="seconds"/>; a project's next act waits for its previous one, latency counts from the plan.</summary>
    public async Task<FixedRateLatencies> FixedRateAsync(double rate, double seconds, int concurrency)
    {
        var sequence = LalScript.Phases[0].Acts.ToList();
        var total = (int)Math.Ceiling(rate * seconds);
        var projects = (int)Math.Ceiling(total / (double)sequence.Count);
        var registered = await RegisterAsync(projects, concurrency);
        var chains = Enumerable.Repeat(Task.CompletedTask, projects).ToArray();
        var latencies = new LatencyLog();
        var byAct = sequence.Select(a => a.EventName).Distinct().ToDictionary(name => name, _ => new LatencyLog());
        await OpenLoop.RunAsync(total, rate, (i, planned) =>
        {
            var project = i % projects;
            var act = sequence[i / projects];
            var previous = chains[project];
            var next = ActAfterAsync(previous, registered[project], act, planned, latencies, byAct[act.EventName]);
            chains[project] = next;
            return next;
        });
        latencies.ThrowIfFailed("acts at a fixed rate");
        return new FixedRateLatencies(latencies, byAct);
    }

    public static async Task ForEachAsync<T>(IReadOnlyList<T> items, int concurrency, Func<T, Task> action)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, items.Count)).Select(async _ =>
        {
            await Task.Yield();
            int i;
            while ((i = Interlocked.Increment(ref next)) < items.Count)
            {
                await action(items[i]);
            }
        }));
    }

    private async Task ActAfterAsync(Task previous, string code, LalAct act, long planned, LatencyLog latencies, LatencyLog ofItsKind)
    {
        await previous;
        if (await client.ActAsync(code, act) is { } error)
        {
            latencies.Fail(error);
            return;
        }

        var done = Stopwatch.GetTimestamp();
        latencies.Add(planned, done);
        ofItsKind.Add(planned, done);
    }

    private async Task PhaseAsync(string code, LalPhase phase, SemaphoreSlim gate, LatencyLog latencies)
    {
        foreach (var stage in phase.Stages)
        {
            await Task.WhenAll(stage.Lanes.Select(async lane =>
            {
                foreach (var act in lane.Acts)
                {
                    await gate.WaitAsync();
                    try
                    {
                        var sent = Stopwatch.GetTimestamp();
                        if (await client.ActAsync(code, act) is { } error)
                        {
                            latencies.Fail(error);
                            return;
                        }

                        latencies.Add(sent, Stopwatch.GetTimestamp());
                    }
                    finally
                    {
                        gate.Release();
                    }
                }
            }));
        }
    }
}
