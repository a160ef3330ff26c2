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
    public const string Analytics = "Analytics read model (issue 11: SQLite store and projection runner in process)";
    public const string Baseline = "Baseline (the gateway given by --baseline, repeats interleaved with the candidate's)";

    private readonly List<Figure> figures = [];
    private readonly List<ScenarioFailure> failures = [];
    private readonly ProjectCodes codes = new(Environment.ProcessId % 997);
    private readonly string scratch = Directory.CreateTempSubdirectory("landflow-bench-").FullName;
    private readonly PostgresServer postgres = PostgresServer.From(options);

    public const string PostgresCeiling = "ceiling.postgres.batched";

    /// <summary>Issue 13's goals, for each deployment run, as ratios of figures measured in this one run; then a few
    /// ratios without a bound, for reading (against the other peer, the store's own ceiling and the machine's floor).</summary>
    public static IReadOnlyList<Goal> GoalsFor(IReadOnlyList<Deployment> deployments, BenchmarkOptions options) =>
    [
        .. deployments.SelectMany(d => new Goal[]
        {
            new(d.Title("durable acts/s over HTTP ÷ WorkflowCore steps/s in memory"), d.KeyPrefix + "acts.throughput", "peer.workflowcore.steps", 10, AtLeast: true),
            new(d.Title("durable acts/s over HTTP ÷ trivial Kestrel GET requests/s, same load generator"), d.KeyPrefix + "acts.throughput", "ceiling.kestrel.httpclient", 0.25, AtLeast: true),
            new(d.Title("bytes written to the store per act (mean, from the store's size counters), B"), d.KeyPrefix + "acts.bytes.per.act", null, BytesPerActBound, AtLeast: false),
            new(d.Title($"status p99 at {options.StatusRate:N0} requests/s over the active projects, ms"), d.KeyPrefix + "status.p99", null, options.StatusP99GoalMs, AtLeast: false),
            new(d.Title($"highest status rate held with p99 ≤ {options.StatusP99GoalMs:F0} ms, requests/s (reported)"), d.KeyPrefix + "status.held", null, double.NaN, AtLeast: true),
            new(d.Title($"act p99 at a fixed {options.ActRate:N0} acts/s, ms"), d.KeyPrefix + "acts.rate.p99", null, 20, AtLeast: false),
            new(d.Title("resident memory per active project, KiB"), d.KeyPrefix + "scale.memory.per.project", null, 12, AtLeast: false),
            new(d.Title("stop on SIGTERM holding the active projects, s (bound: the shutdown timeout)"), d.KeyPrefix + "shutdown.seconds", null, double.NaN, AtLeast: false, BoundFigure: d.KeyPrefix + "shutdown.timeout"),
        }),
        .. deployments.SelectMany(d => new Goal[]
        {
            new(d.Title("for reading: durable acts/s over HTTP ÷ DurableTask steps/s in memory"), d.KeyPrefix + "acts.throughput", "peer.durabletask.steps", double.NaN, AtLeast: true),
            new(d.Title("for reading: acts/s ÷ the store's batched commit ceiling (rows/s)"), d.KeyPrefix + "acts.throughput", d.OnPostgres ? PostgresCeiling : "ceiling.sqlite.batched", double.NaN, AtLeast: true),
            new(d.Title("for reading: status p99 ÷ trivial Kestrel p99 at the same rate (how far above the machine's floor)"), d.KeyPrefix + "status.p99", "ceiling.kestrel.p99", double.NaN, AtLeast: false),
        }),
    ];

    /// <summary>Issue 13: "≤ 1 KB" per act, read as 1,024 bytes.</summary>
    public const double BytesPerActBound = 1024;

    /// <summary>The figures the issue asks to see side by side, first in the report: the embedded ones, then each
    /// PostgreSQL deployment's beside its ceiling.</summary>
    public static IReadOnlyList<string> HeadlineFor(IReadOnlyList<Deployment> deployments) =>
    [
        "acts.throughput", "peer.workflowcore.steps", "peer.durabletask.steps", "ceiling.sqlite.batched", "ceiling.kestrel.httpclient",
        "acts.bytes.per.act", "acts.written.bytes.per.act", "acts.rate.p99", "status.p99", "ceiling.kestrel.p99", "status.held", "scale.memory.per.project", "scale.register.seconds", "startup.empty",
        .. deployments.Any(d => d.OnPostgres) ? [PostgresCeiling] : Array.Empty<string>(),
        .. deployments.Where(d => d.OnPostgres).SelectMany(d => new[]
        {
            "acts.throughput", "acts.bytes.per.act", "acts.written.bytes.per.act", "acts.rate.p99", "status.p99", "status.held", "scale.memory.per.project", "scale.register.seconds", "startup.empty",
        }.Select(key => d.KeyPrefix + key)),
    ];

    public async Task<int> RunAsync()
    {
        var began = Stopwatch.GetTimestamp();
        var machine = MachineInfo.Read();
        var commit = CommitInfo.Read(Repository.Root());
        var date = Repository.ReportDate();
        Log($"{(options.Smoke ? "smoke" : "full")} run of commit {commit.Commit}{(commit.Dirty ? " (dirty)" : "")} on {machine.Cores} cores, load {machine.LoadAverage}; {options.Repeats} repeat(s)");

        var deployments = options.Target is null ? options.Deployments : [Deployment.Embedded];
        await ScenarioAsync("sqlite", SqliteCeilingAsync);
        if (deployments.Any(d => d.OnPostgres) || options.Only?.Contains("postgres") == true)
        {
            await ScenarioAsync("postgres", PostgresCeilingAsync);
        }

        await ScenarioAsync("kestrel", KestrelCeilingAsync);
        await ScenarioAsync("orleans", OrleansCeilingAsync);
        await ScenarioAsync("workflowcore", WorkflowCoreAsync);
        await ScenarioAsync("durabletask", DurableTaskAsync);
        await ScenarioAsync("analytics", AnalyticsAsync);
        foreach (var deployment in deployments)
        {
            await ScenarioAsync("startup", () => StartupAsync(deployment), deployment);
            await ScenarioAsync("acts", () => ActsAsync(deployment), deployment);
            await ScenarioAsync("scale", () => ScaleAsync(deployment), deployment);
        }
        if (options.BaselineAssembly is not null)
        {
            await ScenarioAsync("status-compare", StatusCompareAsync);
        }

        var report = new BenchmarkReport(
            options.Smoke ? "smoke" : "full",
            date,
            commit,
            machine,
            options.Target?.ToString() ?? string.Join("; ", deployments.Select(d => d.Describe)) + " — all started by the benchmark",
            options.Given,
            figures,
            GoalsFor(deployments, options),
            HeadlineFor(deployments),
            failures,
            MachineInfo.LoadAverageNow(),
            Stopwatch.GetElapsedTime(began).TotalSeconds,
            CapacitySection.Markdown(figures, deployments) is { } capacity ? [capacity] : null);
        var output = options.OutputDirectory
            ?? (options.Smoke ? Path.Combine(scratch, "report") : Path.Combine(Repository.Root(), "docs", "benchmarks"));
        report.Write(output);
        Console.WriteLine();
        Console.WriteLine(report.ToMarkdown());
        Log($"wrote {Path.Combine(output, "latest.md")} and latest.json in {Stopwatch.GetElapsedTime(began).TotalMinutes:F1} min; {failures.Count} scenario(s) failed");
        if (failures.Count == 0)
        {
            TryDelete(scratch, keep: options.Smoke ? Path.Combine(scratch, "report") : null);
        }
        else
        {
            // The processes' logs say why; they stay for reading.
            Log($"logs of the processes kept in {scratch}");
        }
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

    private async Task ScenarioAsync(string scenarioName, Func<Task> scenario, Deployment? deployment = null)
    {
        if (!options.Runs(scenarioName))
        {
            return;
        }

        var name = deployment?.Label + scenarioName;
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

    /// <summary>Once, not per repeat: seeding 100,000 projects takes minutes, and the figures are percentiles of many calls.</summary>
    private async Task AnalyticsAsync()
    {
        var result = await ChildProcessRun.RunAsync("analytics", new Dictionary<string, string>
        {
            ["projects"] = Text(options.AnalyticsProjects),
            ["calls"] = Text(options.AnalyticsCalls),
            ["rate"] = Text(options.AnalyticsRate),
            ["seconds"] = Text(options.AnalyticsSeconds),
        }, timeout: TimeSpan.FromMinutes(60));
        var seeded = $"{result["projects"]:F0} projects, {result["events"]:F0} events";
        Figure("analytics.rebuild.seconds", "Analytics projection rebuilt from the feed", "s", Analytics, seeded).Add(result["rebuildSeconds"]);
        Figure("analytics.rebuild.events", "Analytics rebuild rate", "events/s", Analytics, seeded).Add(result["rebuildEventsPerSecond"]);
        foreach (var route in new[] { "bottlenecks", "heatmap", "cells", "trend" })
        {
            foreach (var p in new[] { "p50", "p95" })
            {
                Figure($"analytics.{route}.{p}", $"GET /api/dashboard/{route} read-model queries, {p}", "ms", Analytics, $"{options.AnalyticsCalls} calls over {seeded}")
                    .Add(result[$"{route}.{p}"]);
            }
        }

        var load = $"{result["lagCommitsPerSecond"]:F0} commits/s for {options.AnalyticsSeconds} s, runner polling every 250 ms";
        foreach (var p in new[] { "p50", "p95", "max" })
        {
            Figure($"analytics.lag.{p}", $"Projection lag (commit acknowledged → checkpoint past it), {p}", "ms", Analytics, load).Add(result[$"lag.{p}"]);
        }

        Log($"analytics: seeded {seeded} in {result["seedSeconds"]:F1} s; rebuild {result["rebuildSeconds"]:F1} s ({result["rebuildEventsPerSecond"]:F0} events/s); "
            + string.Join(", ", new[] { "bottlenecks", "heatmap", "cells", "trend" }.Select(r => $"{r} p50 {result[r + ".p50"]:F1} / p95 {result[r + ".p95"]:F1} ms"))
            + $"; lag at {result["lagCommitsPerSecond"]:F0} commits/s p50 {result["lag.p50"]:F0} / p95 {result["lag.p95"]:F0} / max {result["lag.max"]:F0} ms");
    }

    private async Task PostgresCeilingAsync()
    {
        var server = PostgresServer.From(options);
        for (var r = 0; r < options.Repeats; r++)
        {
            var result = await ChildProcessRun.RunAsync("postgres-ceiling", new Dictionary<string, string>
            {
                ["seconds"] = Text(options.CeilingSeconds),
                ["batch"] = Text(options.PostgresBatch),
                ["postgres"] = server.AdminConnectionString,
            });
            var synchronous = result["synchronousCommitOn"] == 1 ? "synchronous_commit=on (the store's setting: each commit waits for its WAL flush)" : "synchronous_commit NOT on (the server's setting differs from what the store needs)";
            Figure("ceiling.postgres.single", "PostgreSQL commits, one row per transaction", "rows/s", Ceilings,
                    $"~{result["rowBytes"]:F0}-byte rows into a table shaped like the store's events (no foreign key), {synchronous}; best of 1, 4, 16 writers (this run: {result["single.writers"]:F0})")
                .Add(result["single"]);
            Figure(PostgresCeiling, $"PostgreSQL commits, {options.PostgresBatch} rows per transaction", "rows/s", Ceilings,
                    $"same rows, one INSERT over unnest(arrays) per transaction as the store's writer sends them; best of 1, 2, 4 writers (this run: {result["batched.writers"]:F0})")
                .Add(result["batched"]);
            Log($"postgres: single {result["single"]:F0} rows/s ({result["single.writers"]:F0} writers), batched {result["batched"]:F0} rows/s ({result["batched.writers"]:F0} writers)");
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

    private async Task StartupAsync(Deployment deployment)
    {
        if (options.Target is not null)
        {
            Log("startup: skipped (a target is given; nothing is started)");
            return;
        }

        for (var r = 0; r < options.Repeats; r++)
        {
            var store = await NewStoreAsync(deployment);
            try
            {
                await using var running = await StartAsync(deployment, store);
                Figure(deployment, "startup.empty", "Start-up to ready, empty store", "s",
                    deployment.OnPostgres
                        ? $"{(deployment.Silos == 1 ? "the silo process" : $"the {deployment.Silos} silo processes, started at once,")} to its first 200 of /health/ready, then the gateway to its first (the database created beforehand, not counted; the schema is migrated by the first silo)"
                        : "`dotnet Workflow.Embedded.dll` after a build, to the first 200 of /health/ready").Add(running.Startup.TotalSeconds);
                Log($"{deployment.Label}startup: {running.Startup.TotalSeconds:F2} s");
            }
            finally
            {
                await DropStoreAsync(deployment, store);
            }
        }
    }

    private Task ActsAsync(Deployment deployment) => WithStoreAsync(deployment, store => ActsOnAsync(deployment, store));

    private async Task ActsOnAsync(Deployment deployment, string? store)
    {
        await using var gateway = store is null ? null : await StartAsync(deployment, store);
        await using var baselineGateway = options.BaselineAssembly is { } baselineAssembly && !deployment.OnPostgres
            ? await LocalGateway.StartAsync(Path.GetFullPath(baselineAssembly), NewDataDirectory())
            : null;
        var capacity = gateway is null ? null : new CapacityProbe(gateway, deployment.OnPostgres ? store : null, (k, t, u, n) => Figure(deployment, k, t, u, n));
        var candidate = await ActsTargetAsync(gateway?.BaseAddress ?? options.Target!, deployment.KeyPrefix + "acts", deployment.Group, deployment.Label, deployment,
            store is null ? null : StoreSize.Of(deployment, store, (gateway as LocalGateway)?.ProcessId), capacity);
        var baseline = baselineGateway is null ? null : await ActsTargetAsync(baselineGateway.BaseAddress, "baseline.acts", Baseline, "baseline ", Deployment.Embedded,
            StoreSize.OfSqlite(baselineGateway.DataDirectory, baselineGateway.ProcessId), null);
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

    private async Task<ActsTarget> ActsTargetAsync(Uri address, string prefix, string group, string label, Deployment deployment, StoreSize? size, CapacityProbe? capacity)
    {
        var sized = options.ForActsOn(deployment);
        var client = await LandFlowClient.ConnectAsync(address, sized.ActConcurrency);
        var run = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture);
        foreach (var county in ProjectCodes.Huzhou.Take(sized.Counties))
        {
            await client.DepositAsync(county, $"BENCH-{run}-{county}");
        }

        var acts = new ActsScenario(client, codes, sized.Counties);
        // Warm-up, not counted: the first run of a fresh gateway is much slower (JIT tiers, thread pool growth).
        await acts.ThroughputAsync(Math.Max(4, sized.ActProjects / 2), sized.ActConcurrency);
        return new ActsTarget(this, sized, client, acts, prefix, group, label, deployment, size, capacity);
    }

    /// <summary>One gateway under the acts scenario: its client, its projects, its store's size (when the benchmark
    /// started it) and where its figures go.</summary>
    private sealed class ActsTarget(
        BenchmarkRun run, BenchmarkOptions options, LandFlowClient client, ActsScenario acts, string prefix, string group, string label, Deployment deployment,
        StoreSize? size, CapacityProbe? capacity) : IDisposable
    {
        public async Task ThroughputAsync()
        {
            // The store's size once the projects are registered and again after their acts: the registrations are not acts.
            var mark = capacity is null ? null : await capacity.StartAsync(withDatabase: true);
            var before = 0L;
            long? writtenBefore = null;
            IReadOnlyDictionary<string, long>? relationsBefore = null;
            var result = await acts.ThroughputAsync(options.ActProjects, options.ActConcurrency, size is null ? null : async () =>
            {
                before = await size.ReadAsync();
                writtenBefore = await size.ReadWrittenAsync();
                relationsBefore = await size.ReadByRelationAsync();
            });
            if (mark is not null)
            {
                await capacity!.ActsAsync(mark, result.Acts, "the acts scenario (registrations, acts, deadlines fired by the clock jumps)");
            }

            if (size is not null)
            {
                var after = await size.ReadAsync();
                var perAct = StoreSize.BytesPerAct(before, after, result.Acts);
                run.Figure($"{prefix}.bytes.per.act", deployment.Title("Bytes written to the store per act (the store's growth)"), "B", group,
                    $"the store's growth over the throughput run ÷ its acknowledged acts ({options.ActProjects} projects × {LalScript.ActCount}); {size.Counters}").Add(perAct);
                Log($"{label}acts: store {before / 1048576.0:F2} → {after / 1048576.0:F2} MiB, {perAct:F0} B per act");
                if (relationsBefore is not null && await size.ReadByRelationAsync() is { } relationsAfter)
                {
                    var growth = StoreSize.GrowthPerAct(relationsBefore, relationsAfter, result.Acts);
                    Log($"{label}acts: growth per act by table and index: " + string.Join(", ", growth.Select(g => $"{g.Relation} {g.BytesPerAct:F0} B")));
                    foreach (var (relation, bytes) in growth.Where(g => g.BytesPerAct >= 10))
                    {
                        run.Figure($"{prefix}.growth.per.act.{relation}", deployment.Title($"for reading: growth per act of {relation}"), "B", group,
                            "the growth above, by table (its heap with TOAST) or index").Add(bytes);
                    }
                }

                if (writtenBefore is { } w0 && await size.ReadWrittenAsync() is { } w1)
                {
                    var writtenPerAct = StoreSize.BytesPerAct(w0, w1, result.Acts);
                    run.Figure($"{prefix}.written.bytes.per.act", deployment.Title("Bytes the store wrote per act (write traffic)"), "B", group,
                        $"over the same acts, ÷ the same count: {size.WrittenCounter}; rows rewritten in place count here, not in the growth").Add(writtenPerAct);
                    Log($"{label}acts: {writtenPerAct:F0} B written per act");
                }
            }

            run.Figure($"{prefix}.throughput", deployment.Title("Durable acts over HTTP"), "acts/s", group,
                $"{options.ActProjects} projects through LAL_2020 ({LalScript.ActCount} acts each), at most {options.ActConcurrency} acts in flight, projects spread over {options.Counties} counties; clock jumps not counted").Add(result.ActsPerSecond);
            run.Figure($"{prefix}.closed.p50", deployment.Title("Act latency at full load, p50"), "ms", group, "closed loop, the run above").Add(result.P50Ms);
            run.Figure($"{prefix}.closed.p99", deployment.Title("Act latency at full load, p99"), "ms", group, "closed loop, the run above").Add(result.P99Ms);
            Log($"{label}acts: {result.ActsPerSecond:F0} acts/s ({result.Acts} acts in {result.ActSeconds:F1} s), p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms");
        }

        public async Task FixedRateAsync()
        {
            var (latencies, byAct) = await acts.FixedRateAsync(options.ActRate, options.ActRateSeconds, options.ActConcurrency);
            var note = $"open loop at {options.ActRate} acts/s for {options.ActRateSeconds:F0} s (first-phase acts of new projects), from the planned send time";
            run.Figure($"{prefix}.rate.p50", deployment.Title($"Act latency at {options.ActRate} acts/s, p50"), "ms", group, note).Add(latencies.Percentile(50));
            run.Figure($"{prefix}.rate.p99", deployment.Title($"Act latency at {options.ActRate} acts/s, p99"), "ms", group, note).Add(latencies.Percentile(99));
            Log($"{label}acts at {options.ActRate}/s: p50 {latencies.Percentile(50):F1} ms, p99 {latencies.Percentile(99):F1} ms");
            // Which acts make the tail: each act's own p99, the slowest first.
            var slowest = byAct.Where(a => a.Value.Count > 0).OrderByDescending(a => a.Value.Percentile(99)).ToList();
            Log($"{label}acts at {options.ActRate}/s, p99 by act: " + string.Join(", ", slowest.Select(a => $"{a.Key} {a.Value.Percentile(99):F1} ms ({a.Value.Count})")));
            foreach (var (name, log) in slowest.Take(3))
            {
                run.Figure($"{prefix}.rate.p99.{name}", deployment.Title($"for reading: {name} latency at {options.ActRate} acts/s, p99"), "ms", group,
                    $"{note}; the acts of this kind alone (the three slowest kinds of the run)").Add(log.Percentile(99));
            }
        }

        public void Dispose() => client.Dispose();
    }

    private Task ScaleAsync(Deployment deployment) => WithStoreAsync(deployment, store => ScaleOnAsync(deployment, store));

    private async Task ScaleOnAsync(Deployment d, string? store)
    {
        var projects = options.ScaleProjectsOn(d);
        var group = d.Group;
        var running = store is null ? null : await StartAsync(d, store);
        try
        {
            IReadOnlyList<string> registered;
            using (var client = await LandFlowClient.ConnectAsync(running?.BaseAddress ?? options.Target!, options.ScaleConcurrency))
            {
                var scenario = new ActsScenario(client, codes, options.Counties);
                var all = new List<string>();
                var seconds = 0.0;
                for (var part = 0; part < options.Repeats; part++)
                {
                    var count = projects / options.Repeats + (part < projects % options.Repeats ? 1 : 0);
                    var started = Stopwatch.GetTimestamp();
                    all.AddRange(await scenario.RegisterAsync(count, options.ScaleConcurrency));
                    var partSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    seconds += partSeconds;
                    Figure(d, "scale.register.rate", "Registrations", "projects/s",
                        $"one sample per consecutive part of the {projects:N0} registrations ({options.Repeats} parts), so the spread shows the rate as the store grows").Add(count / partSeconds);
                }

                registered = all;
                Figure(d, "scale.register.seconds", $"Time to register {projects:N0} projects", "s",
                    $"POST /api/projects with the project's code, {options.ScaleConcurrency} concurrent clients, {options.Counties} counties; one {projects:N0}-project store per run, so one sample").Add(seconds);
                Log($"{d.Label}scale: registered {projects} in {seconds:F1} s ({projects / seconds:F0}/s)");
            }

            if (running is not null)
            {
                // Fresh processes hold no project: what they hold after reading every project once is what they cost.
                // The embedded gateway is stopped with SIGTERM and timed: right after the registrations its read
                // models and deadlines still have work queued, the hardest moment to stop.
                if (running is LocalGateway registering)
                {
                    await ShutdownAsync(registering, projects, "shutdown.registered.seconds", "right after registering");
                }
                else
                {
                    await running.DisposeAsync();
                }

                running = await StartAsync(d, store!);
                Figure(d, "startup.loaded", $"Start-up to ready, {projects:N0} projects in the store", "s", "one sample per run (one store per run)").Add(running.Startup.TotalSeconds);
            }

            using var reader = await LandFlowClient.ConnectAsync(running?.BaseAddress ?? options.Target!, options.ScaleConcurrency);
            var status = new StatusScenario(reader, registered);
            var collected = running is not null && await running.CollectGarbageAsync();
            var before = running?.GrainHostResidentBytes() ?? 0;
            var capacity = running is null ? null : new CapacityProbe(running, d.OnPostgres ? store : null, (k, t, u, n) => Figure(d, k, t, u, n));
            capacity?.RecordIdleMemory(before);
            var touch = await status.TouchAllAsync(options.ScaleConcurrency);
            Figure(d, "scale.activate.seconds", $"Time to read every project once (activating {projects:N0} grains)", "s",
                $"{options.ScaleConcurrency} concurrent clients, right after a restart; one sample per run").Add(touch);
            if (running is not null)
            {
                collected &= await running.CollectGarbageAsync();
                var after = running.GrainHostResidentBytes();
                var processes = d.OnPostgres ? d.Silos == 1 ? "silo VmRSS" : $"the {d.Silos} silos' VmRSS together" : "gateway VmRSS";
                Figure(d, "scale.memory.per.project", "Resident memory per active project grain", "KiB",
                    $"{processes} after reading all {projects:N0} projects minus before, ÷ count ({before / 1048576.0:F0} → {after / 1048576.0:F0} MiB){(collected ? "; full GC induced before each reading" : "; no GC could be induced")}; one sample per run")
                    .Add((after - before) / 1024.0 / projects);
                Log($"{d.Label}scale: RSS {before / 1048576.0:F0} MiB → {after / 1048576.0:F0} MiB, {(after - before) / 1024.0 / projects:F2} KiB per project");
            }

            await status.AtRateAsync(options.StatusRate, Math.Min(2, options.StatusSeconds), seed: 1);
            for (var r = 0; r < options.Repeats; r++)
            {
                var mark = capacity is null ? null : await capacity.StartAsync(withDatabase: false);
                var run = await status.AtRateAsync(options.StatusRate, options.StatusSeconds, seed: 100 + r);
                if (mark is not null)
                {
                    await capacity!.RequestsAsync(mark, "read", "a status read", run.Requests, $"status reads at {options.StatusRate:N0}/s over {registered.Count:N0} active projects");
                }

                var note = $"GET /api/projects/{{code}} over {registered.Count:N0} active projects, open loop at {options.StatusRate:N0}/s for {options.StatusSeconds:F0} s, from the planned send time";
                Figure(d, "status.p50", $"Status latency at {options.StatusRate:N0} requests/s, p50", "ms", note).Add(run.P50Ms);
                Figure(d, "status.p99", $"Status latency at {options.StatusRate:N0} requests/s, p99", "ms", note).Add(run.P99Ms);
                Log($"{d.Label}status at {options.StatusRate}/s: p50 {run.P50Ms:F2} ms, p99 {run.P99Ms:F2} ms");
                var (held, steps) = await status.HighestRateAsync(options.StatusRate, options.StatusStepSeconds, options.StatusP99GoalMs, seed: 1_000 * (r + 1));
                Figure(d, "status.held", $"Highest status rate held with p99 ≤ {options.StatusP99GoalMs:F0} ms", "requests/s",
                    $"rates ×1.5 from {options.StatusRate:N0}/s, {options.StatusStepSeconds:F1} s each; 0 means even the first step missed").Add(held);
                Log($"{d.Label}status ladder: {string.Join(", ", steps.Select(s => $"{s.Offered:F0}/s p99 {s.P99Ms:F1} ms"))}; held {held:F0}/s");
                RecordLadder(d, steps, registered.Count);
            }

            for (var r = 0; r < options.Repeats; r++)
            {
                var listMark = capacity is null ? null : await capacity.StartAsync(withDatabase: false);
                var lists = await status.ListsAsync(options.ListRequests);
                if (listMark is not null)
                {
                    await capacity!.RequestsAsync(listMark, "list", "a list page", lists.Count, $"filtered list pages over {registered.Count:N0} projects, one at a time");
                }

                var note = $"7 filters (county, state, light, step, combined, a deep page) × {options.ListRequests} rounds, one at a time, over {registered.Count:N0} projects";
                Figure(d, "lists.p50", "Filtered list latency, p50", "ms", note).Add(lists.Percentile(50));
                Figure(d, "lists.p99", "Filtered list latency, p99", "ms", note).Add(lists.Percentile(99));
                Log($"{d.Label}lists: p50 {lists.Percentile(50):F2} ms, p99 {lists.Percentile(99):F2} ms");
            }

            if (running is LocalGateway gateway)
            {
                running = null;
                await ShutdownAsync(gateway, registered.Count, "shutdown.seconds", "with every project active");
                Figure("shutdown.timeout", "The host's shutdown timeout it ran with", "s", LandFlow,
                    $"{ShutdownScenario.TimeoutSetting} (DOTNET_SHUTDOWNTIMEOUTSECONDS) given to the gateway").Add(ShutdownScenario.TimeoutSeconds);
            }
            else if (running is LocalCluster cluster)
            {
                // The silos hold the projects: SIGTERM to each at once (after the gateway), timed to the last exit.
                running = null;
                var (seconds, onTheirOwn) = await cluster.StopTimedAsync(TimeSpan.FromSeconds(2 * ShutdownScenario.TimeoutSeconds));
                Figure(d, "shutdown.seconds", $"Stop on SIGTERM with every project active ({registered.Count:N0} projects)", "s",
                    $"from SIGTERM to every silo at once until the last one exited{(onTheirOwn ? "" : $", SIGKILL forcing some after {2 * ShutdownScenario.TimeoutSeconds} s")}; one sample per run").Add(seconds);
                Figure(d, "shutdown.timeout", "The host's shutdown timeout the silos ran with", "s",
                    $"{ShutdownScenario.TimeoutSeconds} s, the silos' default ({ShutdownScenario.TimeoutSetting}, DOTNET_SHUTDOWNTIMEOUTSECONDS)").Add(ShutdownScenario.TimeoutSeconds);
                Log($"{d.Label}shutdown with every project active: {seconds:F1} s from SIGTERM to the last silo's exit{(onTheirOwn ? "" : " (SIGKILL)")}, {registered.Count} projects");
            }
        }
        finally
        {
            if (running is not null)
            {
                await running.DisposeAsync();
            }
        }
    }

    private async Task ShutdownAsync(LocalGateway gateway, int projects, string key, string when)
    {
        var (seconds, onItsOwn) = await ShutdownScenario.StopAsync(gateway);
        Figure(key, $"Stop on SIGTERM {when} ({projects:N0} projects)", "s", LandFlow,
            $"from SIGTERM to the embedded gateway's exit{(onItsOwn ? "" : $", which SIGKILL forced after {2 * ShutdownScenario.TimeoutSeconds} s")}; one sample per run").Add(seconds);
        Log($"shutdown {when}: {seconds:F1} s from SIGTERM to exit{(onItsOwn ? "" : " (SIGKILL)")}, {projects} projects");
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

    /// <summary>Every step of the status ladder as figures of its own (<c>status.ladder.RATE.p50/p90/p99</c>), in a group
    /// of their own: the latency-over-offered-load chart draws them.</summary>
    private void RecordLadder(Deployment d, IReadOnlyList<RateRun> steps, int projects)
    {
        foreach (var step in steps)
        {
            var rate = step.Offered.ToString("F0", CultureInfo.InvariantCulture);
            var note = $"open loop for {options.StatusStepSeconds:F1} s over {projects:N0} active projects, {step.Dispatched:F0}/s dispatched";
            foreach (var (p, ms) in new[] { ("p50", step.P50Ms), ("p90", step.P90Ms), ("p99", step.P99Ms) })
            {
                Figure($"{d.KeyPrefix}{LadderFigures.KeyPrefix}{rate}.{p}", d.Title($"Status latency at {step.Offered:N0} requests/s offered, {p}"), "ms",
                    d.Title(LadderFigures.Group), note).Add(ms);
            }
        }
    }

    private string GatewayAssembly() => options.GatewayAssembly ?? LocalGateway.DefaultAssembly();

    /// <summary>A figure of one deployment's LandFlow scenarios: its key prefixed, its title naming it, in its group.</summary>
    private Figure Figure(Deployment deployment, string key, string title, string unit, string? note = null) =>
        Figure(deployment.KeyPrefix + key, deployment.Title(title), unit, deployment.Group, note);

    /// <summary>An empty store for one deployment: a data directory, or a fresh PostgreSQL database.</summary>
    private async Task<string> NewStoreAsync(Deployment deployment) =>
        deployment.OnPostgres ? await postgres.CreateDatabaseAsync(deployment.Name.Replace('-', '_')) : NewDataDirectory();

    private async Task<IRunningDeployment> StartAsync(Deployment deployment, string store) =>
        deployment.OnPostgres
            ? await LocalCluster.StartAsync(GatewayAssembly(), deployment.Silos, store, options.PostgresPool, NewDataDirectory())
            : await LocalGateway.StartAsync(GatewayAssembly(), store);

    /// <summary>Runs a scenario on a fresh store of the deployment, dropped afterwards; on none when a target is given.</summary>
    private async Task WithStoreAsync(Deployment deployment, Func<string?, Task> scenario)
    {
        var store = options.Target is null ? await NewStoreAsync(deployment) : null;
        try
        {
            await scenario(store);
        }
        finally
        {
            if (store is not null)
            {
                await DropStoreAsync(deployment, store);
            }
        }
    }

    private async Task DropStoreAsync(Deployment deployment, string store)
    {
        if (deployment.OnPostgres)
        {
            await postgres.DropDatabaseAsync(store);
        }
    }

    private string NewDataDirectory() =>
        Directory.CreateDirectory(Path.Combine(scratch, "data-" + Guid.NewGuid().ToString("N")[..8])).FullName;
}
