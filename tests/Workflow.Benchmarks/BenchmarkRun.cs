using System.Diagnostics;
using System.Globalization;

namespace Workflow.Benchmarks;

/// <summary>
/// One run of every scenario, in order: ceilings, peers, then LandFlow (start-up, acts, scale with status and lists).
/// A scenario that throws is recorded as failed and the run goes on; the exit code says whether any failed.
/// </summary>
public sealed class BenchmarkRun(BenchmarkOptions options)
{
    public const string Ceilings = "Ceilings of this machine";
    public const string Peers = "Peers (in memory, in process, no HTTP)";
    public const string LandFlow = "LandFlow (real gateway process, SQLite, over HTTP)";
    public const string Baseline = "Baseline (the gateway given by --baseline, repeats interleaved with the candidate's)";

    private readonly List<Figure> figures = [];
    private readonly List<ScenarioFailure> failures = [];
    private readonly ProjectCodes codes = new(Environment.ProcessId % 997);
    private readonly string scratch = Directory.CreateTempSubdirectory("landflow-bench-").FullName;

    public static IReadOnlyList<Goal> Goals { get; } =
    [
        new("LandFlow durable acts/s over HTTP ÷ WorkflowCore steps/s in memory", "acts.throughput", "peer.workflowcore.steps", 10, AtLeast: true),
        new("LandFlow durable acts/s over HTTP ÷ DurableTask steps/s in memory", "acts.throughput", "peer.durabletask.steps", 10, AtLeast: true),
        new("LandFlow acts/s ÷ the store's batched commit ceiling (rows/s)", "acts.throughput", "ceiling.sqlite.batched", 0.5, AtLeast: true),
        new("status p99 at the fixed rate (1,000 requests/s by default), ms", "status.p99", null, 5, AtLeast: false),
        new("status p99 ÷ trivial Kestrel p99 at the same rate (how far above the machine's floor)", "status.p99", "ceiling.kestrel.p99", double.NaN, AtLeast: false),
    ];

    /// <summary>The figures the issue asks to see side by side, first in the report.</summary>
    public static IReadOnlyList<string> Headline { get; } =
    [
        "acts.throughput", "peer.workflowcore.steps", "peer.durabletask.steps", "ceiling.sqlite.batched", "ceiling.kestrel.httpclient",
        "acts.rate.p99", "status.p99", "ceiling.kestrel.p99", "status.held", "scale.memory.per.project", "scale.register.seconds", "startup.empty",
    ];

    public async Task<int> RunAsync()
    {
        var began = Stopwatch.GetTimestamp();
        var machine = MachineInfo.Read();
        var commit = CommitInfo.Read(Repository.Root());
        var date = Repository.ReportDate();
        Log($"{(options.Smoke ? "smoke" : "full")} run of commit {commit.Commit}{(commit.Dirty ? " (dirty)" : "")} on {machine.Cores} cores, load {machine.LoadAverage}; {options.Repeats} repeat(s)");

        await ScenarioAsync("sqlite", SqliteCeilingAsync);
        await ScenarioAsync("kestrel", KestrelCeilingAsync);
        await ScenarioAsync("orleans", OrleansCeilingAsync);
        await ScenarioAsync("workflowcore", WorkflowCoreAsync);
        await ScenarioAsync("durabletask", DurableTaskAsync);
        await ScenarioAsync("startup", StartupAsync);
        await ScenarioAsync("acts", ActsAsync);
        await ScenarioAsync("scale", ScaleAsync);
        if (options.BaselineAssembly is not null)
        {
            await ScenarioAsync("status-compare", StatusCompareAsync);
        }

        var report = new BenchmarkReport(
            options.Smoke ? "smoke" : "full",
            date,
            commit,
            machine,
            options.Target?.ToString() ?? "the built gateway, started by the benchmark (embedded mode, SQLite)",
            options.Given,
            figures,
            Goals,
            Headline,
            failures,
            MachineInfo.LoadAverageNow(),
            Stopwatch.GetElapsedTime(began).TotalSeconds);
        var output = options.OutputDirectory
            ?? (options.Smoke ? Path.Combine(scratch, "report") : Path.Combine(Repository.Root(), "docs", "benchmarks"));
        report.Write(output);
        Console.WriteLine();
        Console.WriteLine(report.ToMarkdown());
        Log($"wrote {Path.Combine(output, "latest.md")} and latest.json in {Stopwatch.GetElapsedTime(began).TotalMinutes:F1} min; {failures.Count} scenario(s) failed");
        TryDelete(scratch, keep: options.Smoke ? Path.Combine(scratch, "report") : null);
        return failures.Count == 0 ? 0 : 1;
    }

    private static void Log(string line) =>
        Console.WriteLine($"[bench] {line}");

    private static void TryDelete(string directory, string? keep = null)
    {
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
            {
                if (entry == keep)
                {
                    continue;
                }

                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }

            if (keep is null)
            {
                Directory.Delete(directory);
            }
        }
        catch (IOException)
        {
            // Scratch space; the temp directory is cleaned by the system anyway.
        }
    }

    private Figure Figure(string key, string title, string unit, string group, string? note = null)
    {
        var figure = figures.FirstOrDefault(f => f.Key == key);
        if (figure is null)
        {
            figure = new Figure(key, title, unit, group);
            figures.Add(figure);
        }

        if (note is not null)
        {
            figure.Note = note;
        }

        return figure;
    }

    private async Task ScenarioAsync(string name, Func<Task> scenario)
    {
        if (!options.Runs(name))
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        Log($"{name}: start (load {MachineInfo.LoadAverageNow()})");
        try
        {
            await scenario();
            Log($"{name}: done in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        }
        catch (Exception ex)
        {
            failures.Add(new ScenarioFailure(name, ex.GetType().Name + ": " + ex.Message));
            Log($"{name}: FAILED after {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s: {ex}");
        }
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task SqliteCeilingAsync()
    {
        for (var r = 0; r < options.Repeats; r++)
        {
            var result = await ChildProcessRun.RunAsync("sqlite-ceiling", new Dictionary<string, string>
            {
                ["seconds"] = Text(options.CeilingSeconds),
                ["batch"] = Text(options.SqliteBatch),
            });
            Figure("ceiling.sqlite.single", "SQLite commits, one row per transaction", "rows/s", Ceilings,
                    $"~{result["rowBytes"]:F0}-byte rows, WAL, synchronous=FULL; best of 1, 2, 4 writers (this run: {result["single.writers"]:F0})")
                .Add(result["single"]);
            Figure("ceiling.sqlite.batched", $"SQLite commits, {options.SqliteBatch} rows per transaction", "rows/s", Ceilings,
                    $"same rows and pragmas; best of 1, 2 writers (this run: {result["batched.writers"]:F0})")
                .Add(result["batched"]);
            Log($"sqlite: single {result["single"]:F0} rows/s, batched {result["batched"]:F0} rows/s");
        }
    }

    private async Task KestrelCeilingAsync()
    {
        for (var r = 0; r < options.Repeats; r++)
        {
            var result = await KestrelCeiling.MeasureAsync(options.CeilingSeconds, options.KestrelConnections, options.StatusRate);
            Figure("ceiling.kestrel.httpclient", "Kestrel trivial GET, this benchmark's HttpClient load", "requests/s", Ceilings,
                $"child process; {options.KestrelConnections} connections, closed loop, same load generator as the LandFlow scenarios").Add(result["httpclient"]);
            if (result.TryGetValue("wrk", out var wrk))
            {
                Figure("ceiling.kestrel.wrk", "Kestrel trivial GET, wrk -t1", "requests/s", Ceilings, $"{options.KestrelConnections} connections").Add(wrk);
            }

            Figure("ceiling.kestrel.p99", $"Kestrel trivial GET at {options.StatusRate:N0} requests/s, p99", "ms", Ceilings,
                "the status scenario's open loop against the trivial endpoint: the floor under the status p99 on this machine at this moment").Add(result["p99"]);
            Log($"kestrel: p99 {result["p99"]:F2} ms at {options.StatusRate}/s; {result["httpclient"]:F0} req/s (HttpClient){(result.TryGetValue("wrk", out var w) ? $", {w:F0} req/s (wrk)" : "")}");
        }
    }

    private async Task OrleansCeilingAsync()
    {
        for (var r = 0; r < options.Repeats; r++)
        {
            var result = await ChildProcessRun.RunAsync("orleans-ceiling", new Dictionary<string, string>
            {
                ["seconds"] = Text(options.CeilingSeconds),
                ["callers"] = Text(options.OrleansCallers),
            });
            Figure("ceiling.orleans.noop", "Orleans grain call that does nothing", "calls/s", Ceilings,
                $"in-process silo, 1,000 activations, {options.OrleansCallers} concurrent callers").Add(result["calls"]);
            Log($"orleans: {result["calls"]:F0} calls/s");
        }
    }

    private async Task WorkflowCoreAsync()
    {
        for (var r = 0; r < options.Repeats; r++)
        {
            var result = await ChildProcessRun.RunAsync("workflowcore", new Dictionary<string, string>
            {
                ["workflows"] = Text(options.WorkflowCoreWorkflows),
                ["concurrency"] = Text(options.WorkflowCoreConcurrency),
                ["poll-ms"] = Text(options.WorkflowCorePollMilliseconds),
            }, timeout: TimeSpan.FromMinutes(10));
            Figure("peer.workflowcore.steps", "WorkflowCore 3.22.0, LAL_2020 shape, in-memory persistence", "steps/s", Peers,
                $"{options.WorkflowCoreWorkflows} workflows at once, {LalScript.ActCount} waiting steps each (one per outside act), each act published when its step can take it; poll interval {options.WorkflowCorePollMilliseconds:F0} ms; nothing durable").Add(result["steps"]);
            Log($"workflowcore: {result["steps"]:F0} steps/s ({result["seconds"]:F1} s)");
        }
    }

    private async Task DurableTaskAsync()
    {
        for (var r = 0; r < options.Repeats; r++)
        {
            var result = await ChildProcessRun.RunAsync(
                "durabletask",
                new Dictionary<string, string> { ["orchestrations"] = Text(options.DurableTaskOrchestrations) },
                new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = "1024", ["Logging__LogLevel__Default"] = "Warning" },
                TimeSpan.FromMinutes(10));
            Figure("peer.durabletask.steps", "Microsoft.DurableTask 0.2.3-preview.1 in-process test host, LAL_2020 shape", "steps/s", Peers,
                $"{options.DurableTaskOrchestrations} orchestrations at once, one external event per act, events raised ahead; in-memory backend; DOTNET_PROCESSOR_COUNT=1024").Add(result["steps"]);
            Log($"durabletask: {result["steps"]:F0} steps/s ({result["seconds"]:F1} s)");
        }
    }

    private async Task StartupAsync()
    {
        if (options.Target is not null)
        {
            Log("startup: skipped (a target is given; nothing is started)");
            return;
        }

        for (var r = 0; r < options.Repeats; r++)
        {
            await using var gateway = await LocalGateway.StartAsync(GatewayAssembly(), NewDataDirectory());
            Figure("startup.empty", "Start-up to ready, empty store", "s", LandFlow,
                "`dotnet Workflow.Gateway.dll` after a build, to the first 200 of /health/ready").Add(gateway.Startup.TotalSeconds);
            Log($"startup: {gateway.Startup.TotalSeconds:F2} s");
        }
    }

    private async Task ActsAsync()
    {
        await using var gateway = options.Target is null ? await LocalGateway.StartAsync(GatewayAssembly(), NewDataDirectory()) : null;
        await using var baselineGateway = options.BaselineAssembly is { } baselineAssembly
            ? await LocalGateway.StartAsync(Path.GetFullPath(baselineAssembly), NewDataDirectory())
            : null;
        var candidate = await ActsTargetAsync(gateway?.BaseAddress ?? options.Target!, "acts", LandFlow, "");
        var baseline = baselineGateway is null ? null : await ActsTargetAsync(baselineGateway.BaseAddress, "baseline.acts", Baseline, "baseline ");
        try
        {
            // Interleaved, and in alternating order (ABBA...), so that load from elsewhere on the machine and
            // any drift over the run fall on both sides alike.
            for (var r = 0; r < options.Repeats; r++)
            {
                foreach (var side in InRepeatOrder(r, baseline, candidate))
                {
                    await side.ThroughputAsync();
                }
            }

            for (var r = 0; r < options.Repeats; r++)
            {
                foreach (var side in InRepeatOrder(r, baseline, candidate))
                {
                    await side.FixedRateAsync();
                }
            }
        }
        finally
        {
            candidate.Dispose();
            baseline?.Dispose();
        }
    }

    private static IEnumerable<ActsTarget> InRepeatOrder(int repeat, ActsTarget? baseline, ActsTarget candidate) =>
        baseline is null ? [candidate] : repeat % 2 == 0 ? [baseline, candidate] : [candidate, baseline];

    private async Task<ActsTarget> ActsTargetAsync(Uri address, string prefix, string group, string label)
    {
        var client = await LandFlowClient.ConnectAsync(address, options.ActConcurrency);
        var run = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture);
        foreach (var county in ProjectCodes.Huzhou.Take(options.Counties))
        {
            await client.DepositAsync(county, $"BENCH-{run}-{county}");
        }

        var acts = new ActsScenario(client, codes, options.Counties);
        // Warm-up, not counted: the first run of a fresh gateway is much slower (JIT tiers, thread pool growth).
        await acts.ThroughputAsync(Math.Max(4, options.ActProjects / 2), options.ActConcurrency);
        return new ActsTarget(this, options, client, acts, prefix, group, label);
    }

    /// <summary>One gateway under the acts scenario: its client, its projects and where its figures go.</summary>
    private sealed class ActsTarget(BenchmarkRun run, BenchmarkOptions options, LandFlowClient client, ActsScenario acts, string prefix, string group, string label) : IDisposable
    {
        public async Task ThroughputAsync()
        {
            var result = await acts.ThroughputAsync(options.ActProjects, options.ActConcurrency);
            run.Figure($"{prefix}.throughput", "Durable acts over HTTP", "acts/s", group,
                $"{options.ActProjects} projects through LAL_2020 ({LalScript.ActCount} acts each), at most {options.ActConcurrency} acts in flight, projects spread over {options.Counties} counties; clock jumps not counted").Add(result.ActsPerSecond);
            run.Figure($"{prefix}.closed.p50", "Act latency at full load, p50", "ms", group, "closed loop, the run above").Add(result.P50Ms);
            run.Figure($"{prefix}.closed.p99", "Act latency at full load, p99", "ms", group, "closed loop, the run above").Add(result.P99Ms);
            Log($"{label}acts: {result.ActsPerSecond:F0} acts/s ({result.Acts} acts in {result.ActSeconds:F1} s), p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms");
        }

        public async Task FixedRateAsync()
        {
            var latencies = await acts.FixedRateAsync(options.ActRate, options.ActRateSeconds, options.ActConcurrency);
            var note = $"open loop at {options.ActRate} acts/s for {options.ActRateSeconds:F0} s (first-phase acts of new projects), from the planned send time";
            run.Figure($"{prefix}.rate.p50", $"Act latency at {options.ActRate} acts/s, p50", "ms", group, note).Add(latencies.Percentile(50));
            run.Figure($"{prefix}.rate.p99", $"Act latency at {options.ActRate} acts/s, p99", "ms", group, note).Add(latencies.Percentile(99));
            Log($"{label}acts at {options.ActRate}/s: p50 {latencies.Percentile(50):F1} ms, p99 {latencies.Percentile(99):F1} ms");
        }

        public void Dispose() => client.Dispose();
    }

    private async Task ScaleAsync()
    {
        var dataDirectory = NewDataDirectory();
        var gateway = options.Target is null ? await LocalGateway.StartAsync(GatewayAssembly(), dataDirectory) : null;
        try
        {
            IReadOnlyList<string> registered;
            using (var client = await LandFlowClient.ConnectAsync(gateway?.BaseAddress ?? options.Target!, options.ScaleConcurrency))
            {
                var scenario = new ActsScenario(client, codes, options.Counties);
                var all = new List<string>();
                var seconds = 0.0;
                for (var part = 0; part < options.Repeats; part++)
                {
                    var count = options.ScaleProjects / options.Repeats + (part < options.ScaleProjects % options.Repeats ? 1 : 0);
                    var started = Stopwatch.GetTimestamp();
                    all.AddRange(await scenario.RegisterAsync(count, options.ScaleConcurrency));
                    var partSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    seconds += partSeconds;
                    Figure("scale.register.rate", "Registrations", "projects/s", LandFlow,
                        $"one sample per consecutive part of the {options.ScaleProjects:N0} registrations ({options.Repeats} parts), so the spread shows the rate as the store grows").Add(count / partSeconds);
                }

                registered = all;
                Figure("scale.register.seconds", $"Time to register {options.ScaleProjects:N0} projects", "s", LandFlow,
                    $"POST /api/projects with the project's code, {options.ScaleConcurrency} concurrent clients, {options.Counties} counties; one 100,000-project store per run, so one sample").Add(seconds);
                Log($"scale: registered {options.ScaleProjects} in {seconds:F1} s ({options.ScaleProjects / seconds:F0}/s)");
            }

            if (gateway is not null)
            {
                // A fresh process holds no project: what it holds after reading every project once is what they cost.
                await gateway.DisposeAsync();
                gateway = await LocalGateway.StartAsync(GatewayAssembly(), dataDirectory);
                Figure("startup.loaded", $"Start-up to ready, {options.ScaleProjects:N0} projects in the store", "s", LandFlow, "one sample per run (one store per run)").Add(gateway.Startup.TotalSeconds);
            }

            using var reader = await LandFlowClient.ConnectAsync(gateway?.BaseAddress ?? options.Target!, options.ScaleConcurrency);
            var status = new StatusScenario(reader, registered);
            var collected = gateway is not null && await gateway.CollectGarbageAsync();
            var before = gateway?.ResidentBytes() ?? 0;
            var touch = await status.TouchAllAsync(options.ScaleConcurrency);
            Figure("scale.activate.seconds", $"Time to read every project once (activating {options.ScaleProjects:N0} grains)", "s", LandFlow,
                $"{options.ScaleConcurrency} concurrent clients, right after a restart; one sample per run").Add(touch);
            if (gateway is not null)
            {
                collected &= await gateway.CollectGarbageAsync();
                var after = gateway.ResidentBytes();
                Figure("scale.memory.per.project", "Resident memory per active project grain", "KiB", LandFlow,
                    $"gateway VmRSS after reading all {options.ScaleProjects:N0} projects minus before, ÷ count ({before / 1048576.0:F0} → {after / 1048576.0:F0} MiB){(collected ? "; full GC induced before each reading" : "; no GC could be induced")}; one sample per run")
                    .Add((after - before) / 1024.0 / options.ScaleProjects);
                Log($"scale: RSS {before / 1048576.0:F0} MiB → {after / 1048576.0:F0} MiB, {(after - before) / 1024.0 / options.ScaleProjects:F2} KiB per project");
            }

            await status.AtRateAsync(options.StatusRate, Math.Min(2, options.StatusSeconds), seed: 1);
            for (var r = 0; r < options.Repeats; r++)
            {
                var run = await status.AtRateAsync(options.StatusRate, options.StatusSeconds, seed: 100 + r);
                var note = $"GET /api/projects/{{code}} over {registered.Count:N0} active projects, open loop at {options.StatusRate:N0}/s for {options.StatusSeconds:F0} s, from the planned send time";
                Figure("status.p50", $"Status latency at {options.StatusRate:N0} requests/s, p50", "ms", LandFlow, note).Add(run.P50Ms);
                Figure("status.p99", $"Status latency at {options.StatusRate:N0} requests/s, p99", "ms", LandFlow, note).Add(run.P99Ms);
                Log($"status at {options.StatusRate}/s: p50 {run.P50Ms:F2} ms, p99 {run.P99Ms:F2} ms");
                var (held, steps) = await status.HighestRateAsync(options.StatusRate, options.StatusStepSeconds, options.StatusP99GoalMs, seed: 1_000 * (r + 1));
                Figure("status.held", $"Highest status rate held with p99 ≤ {options.StatusP99GoalMs:F0} ms", "requests/s", LandFlow,
                    $"rates ×1.5 from {options.StatusRate:N0}/s, {options.StatusStepSeconds:F1} s each; 0 means even the first step missed").Add(held);
                Log($"status ladder: {string.Join(", ", steps.Select(s => $"{s.Offered:F0}/s p99 {s.P99Ms:F1} ms"))}; held {held:F0}/s");
            }

            for (var r = 0; r < options.Repeats; r++)
            {
                var lists = await status.ListsAsync(options.ListRequests);
                var note = $"7 filters (county, state, light, step, combined, a deep page) × {options.ListRequests} rounds, one at a time, over {registered.Count:N0} projects";
                Figure("lists.p50", "Filtered list latency, p50", "ms", LandFlow, note).Add(lists.Percentile(50));
                Figure("lists.p99", "Filtered list latency, p99", "ms", LandFlow, note).Add(lists.Percentile(99));
                Log($"lists: p50 {lists.Percentile(50):F2} ms, p99 {lists.Percentile(99):F2} ms");
            }
        }
        finally
        {
            if (gateway is not null)
            {
                await gateway.DisposeAsync();
            }
        }
    }

    /// <summary>Status latency of the baseline and the candidate gateway, each over its own store of
    /// <c>scale-projects</c> active projects, the fixed-rate runs interleaved in alternating order.</summary>
    private async Task StatusCompareAsync()
    {
        await using var candidateGateway = await LocalGateway.StartAsync(GatewayAssembly(), NewDataDirectory());
        await using var baselineGateway = await LocalGateway.StartAsync(Path.GetFullPath(options.BaselineAssembly!), NewDataDirectory());
        var sides = new List<(string Prefix, string Group, string Label, LandFlowClient Client, StatusScenario Status)>();
        try
        {
            foreach (var (gateway, prefix, group, label) in new[] { (baselineGateway, "baseline.status", Baseline, "baseline "), (candidateGateway, "status", LandFlow, "") })
            {
                var client = await LandFlowClient.ConnectAsync(gateway.BaseAddress, options.ScaleConcurrency);
                var registered = await new ActsScenario(client, codes, options.Counties).RegisterAsync(options.ScaleProjects, options.ScaleConcurrency);
                var status = new StatusScenario(client, registered);
                await status.TouchAllAsync(options.ScaleConcurrency);
                await status.AtRateAsync(options.StatusRate, Math.Min(2, options.StatusSeconds), seed: 1);
                sides.Add((prefix, group, label, client, status));
            }

            for (var r = 0; r < options.Repeats; r++)
            {
                foreach (var side in r % 2 == 0 ? sides : Enumerable.Reverse(sides))
                {
                    var run = await side.Status.AtRateAsync(options.StatusRate, options.StatusSeconds, seed: 100 + r);
                    var note = $"GET /api/projects/{{code}} over {options.ScaleProjects:N0} active projects, open loop at {options.StatusRate:N0}/s for {options.StatusSeconds:F0} s, from the planned send time";
                    Figure($"{side.Prefix}.p50", $"Status latency at {options.StatusRate:N0} requests/s, p50", "ms", side.Group, note).Add(run.P50Ms);
                    Figure($"{side.Prefix}.p99", $"Status latency at {options.StatusRate:N0} requests/s, p99", "ms", side.Group, note).Add(run.P99Ms);
                    Log($"{side.Label}status at {options.StatusRate}/s: p50 {run.P50Ms:F2} ms, p99 {run.P99Ms:F2} ms");
                }
            }
        }
        finally
        {
            foreach (var side in sides)
            {
                side.Client.Dispose();
            }
        }
    }

    private string GatewayAssembly() => options.GatewayAssembly ?? LocalGateway.DefaultAssembly();

    private string NewDataDirectory() =>
        Directory.CreateDirectory(Path.Combine(scratch, "data-" + Guid.NewGuid().ToString("N")[..8])).FullName;
}
