using System.Globalization;

namespace Workflow.Benchmarks;

/// <summary>The command line: <c>[--smoke] [--repeats N] [--target URL] [--out DIR] [--only a,b] [--key value ...]</c>.
/// Every size has a full-run default and a smoke default; any of them can be given on the command line.</summary>
public sealed class BenchmarkOptions
{
    private readonly Dictionary<string, string> values;

    private BenchmarkOptions(Dictionary<string, string> values, bool smoke)
    {
        this.values = values;
        Smoke = smoke;
    }

    public bool Smoke { get; }

    public int Repeats => Int("repeats", 3, 1);

    /// <summary>An already running deployment to measure instead of starting the built gateway.</summary>
    public Uri? Target => values.TryGetValue("target", out var target) ? new Uri(target.TrimEnd('/') + "/") : null;

    public string? OutputDirectory => values.GetValueOrDefault("out");

    /// <summary>Where the LandFlow scenarios run: <c>--deployments embedded,postgres-1,postgres-3</c> (or
    /// <c>--deployment</c>); embedded only by default (embedded and postgres-1 in a smoke run).</summary>
    public IReadOnlyList<Deployment> Deployments =>
        Deployment.ParseList(values.GetValueOrDefault("deployments") ?? values.GetValueOrDefault("deployment") ?? (Smoke ? SmokeDeployments : Deployment.EmbeddedName));

    /// <summary>The smoke run (CI, after the tests, which start PostgreSQL) also runs a tiny one-silo PostgreSQL
    /// deployment, so the cluster path of the benchmark cannot rot either.</summary>
    public const string SmokeDeployments = "embedded,postgres-1";

    public string? GatewayAssembly => values.GetValueOrDefault("gateway");

    /// <summary>A gateway built from another commit: the acts scenario then alternates its repeats between this
    /// baseline and the candidate, so a before/after comparison shares the machine's moments of load.</summary>
    public string? BaselineAssembly => values.GetValueOrDefault("baseline");

    /// <summary>Scenario names to run (comma-separated); all when absent.</summary>
    public IReadOnlySet<string>? Only =>
        values.TryGetValue("only", out var only) ? only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal) : null;

    public int ActProjects => Int("acts-projects", 500, 4);

    public int ActConcurrency => Int("acts-concurrency", 128, 16);

    /// <summary><c>--acts-scale-with-silos true</c>: on <c>postgres-N</c> the acts scenario drives N × <c>acts-projects</c>
    /// with N × <c>acts-concurrency</c> in flight, a load proportional to the silos (the scaling run of docs/capacity.md).</summary>
    public bool ActsScaleWithSilos => values.TryGetValue("acts-scale-with-silos", out var scale) && bool.Parse(scale);

    /// <summary>The options the acts scenario runs with on <paramref name="deployment"/> (see <see cref="ActsScaleWithSilos"/>).</summary>
    public BenchmarkOptions ForActsOn(Deployment deployment) =>
        !ActsScaleWithSilos || deployment.Silos <= 1
            ? this
            : new BenchmarkOptions(new Dictionary<string, string>(values, StringComparer.Ordinal)
            {
                ["acts-projects"] = (ActProjects * deployment.Silos).ToString(CultureInfo.InvariantCulture),
                ["acts-concurrency"] = (ActConcurrency * deployment.Silos).ToString(CultureInfo.InvariantCulture),
            }, Smoke);

    /// <summary>The fixed-rate act phase's offered rate; issue 13's goal is the act p99 at 500 acts/s.</summary>
    public int ActRate => Int("act-rate", 500, 40);

    public double ActRateSeconds => Double("act-rate-seconds", 10, 1);

    public int Counties => Int("counties", 5, 5);

    public int ScaleProjects => Int("scale-projects", 100_000, 300);

    /// <summary>The scale store on PostgreSQL deployments; <c>scale-projects</c> unless given.</summary>
    public int PostgresScaleProjects => values.ContainsKey("postgres-scale-projects") ? Int("postgres-scale-projects", 0, 0) : ScaleProjects;

    public int ScaleProjectsOn(Deployment deployment) => deployment.OnPostgres ? PostgresScaleProjects : ScaleProjects;

    public int ScaleConcurrency => Int("scale-concurrency", 128, 16);

    public int StatusRate => Int("status-rate", 1_000, 200);

    public double StatusSeconds => Double("status-seconds", 10, 1);

    public double StatusStepSeconds => Double("status-step-seconds", 4, 0.5);

    public double StatusP99GoalMs => Double("status-p99-goal-ms", 5, 5);

    public int ListRequests => Int("list-requests", 40, 3);

    public int WorkflowCoreWorkflows => Int("workflowcore-workflows", 500, 5);

    /// <summary>WorkflowCore's poll interval; its default (10 s) is what an event that races its subscription waits.</summary>
    public double WorkflowCorePollMilliseconds => Double("workflowcore-poll-ms", 100, 100);

    public int WorkflowCoreConcurrency => Int("workflowcore-concurrency", 0, 0);

    public int DurableTaskOrchestrations => Int("durabletask-orchestrations", 200, 3);

    /// <summary>Issue 11's analytics scenario: projects seeded, calls timed per dashboard route, and the act load under
    /// which the projection's lag is measured (commits/s for seconds).</summary>
    public int AnalyticsProjects => Int("analytics-projects", 100_000, 300);

    public int AnalyticsCalls => Int("analytics-calls", 200, 5);

    public int AnalyticsRate => Int("analytics-rate", 200, 40);

    public double AnalyticsSeconds => Double("analytics-seconds", 20, 1);

    public double CeilingSeconds => Double("ceiling-seconds", 4, 0.5);

    public int KestrelConnections => Int("kestrel-connections", 32, 8);

    public int OrleansCallers => Int("orleans-callers", 64, 8);

    public int SqliteBatch => Int("sqlite-batch", 64, 64);

    public int PostgresBatch => Int("postgres-batch", 64, 64);

    /// <summary>Npgsql's <c>Maximum Pool Size</c> for each process of a PostgreSQL deployment (silos and gateway).</summary>
    public int PostgresPool => Int("postgres-pool", 16, 16);

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var smoke = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--smoke")
            {
                smoke = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Unexpected argument '{arg}'. Options are --name value pairs, or --smoke.");
            }

            values[arg[2..]] = args[++i];
        }

        var options = new BenchmarkOptions(values, smoke);
        _ = options.Deployments; // a misspelt deployment fails here, before anything runs
        return options;
    }

    public bool Runs(string scenario) => Only is not { } only || only.Contains(scenario);

    public string? Get(string key) => values.GetValueOrDefault(key);

    public IReadOnlyDictionary<string, string> Given => values;

    private int Int(string key, int full, int smoke) =>
        values.TryGetValue(key, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : Smoke ? Math.Min(full, smoke) : full;

    private double Double(string key, double full, double smoke) =>
        values.TryGetValue(key, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : Smoke ? Math.Min(full, smoke) : full;
}
