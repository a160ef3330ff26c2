using System.Globalization;

namespace Workflow.Benchmarks;

/// <summary>What the LandFlow scenarios talk to: one process or a cluster started by the benchmark, or a target.</summary>
public interface IRunningDeployment : IAsyncDisposable
{
    Uri BaseAddress { get; }

    /// <summary>From starting the first process to the gateway's first 200 of <c>/health/ready</c>.</summary>
    TimeSpan Startup { get; }

    /// <summary>Resident memory of the processes that hold the grains (VmRSS, bytes).</summary>
    long GrainHostResidentBytes();

    /// <summary>A full garbage collection in each process that holds grains; false if one did not listen.</summary>
    Task<bool> CollectGarbageAsync();

    /// <summary>The processes that hold the grains (the silos; embedded: the one process), for their CPU time.</summary>
    IReadOnlyList<int> SiloProcessIds { get; }

    /// <summary>The cluster-mode gateway's process; null when the gateway is the silo (embedded).</summary>
    int? GatewayProcessId { get; }
}

/// <summary>A kind of deployment the LandFlow scenarios run against: <c>embedded</c> (the built gateway alone, its silo
/// on SQLite in the same process) or <c>postgres-N</c> (N silo processes on one fresh PostgreSQL database, and a
/// cluster-mode gateway in front of them). The embedded figures keep their historical keys (<c>acts.throughput</c>);
/// the others are prefixed with the deployment's name (<c>postgres-3.acts.throughput</c>), so one report holds them
/// side by side.</summary>
public sealed record Deployment(string Name, int Silos)
{
    public const string EmbeddedName = "embedded";
    private const string PostgresPrefix = "postgres-";

    public static Deployment Embedded { get; } = new(EmbeddedName, 0);

    public bool OnPostgres => Silos > 0;

    public string KeyPrefix => OnPostgres ? Name + "." : "";

    /// <summary>Before log lines and after figure titles, so a title says which deployment it measured.</summary>
    public string Label => OnPostgres ? Name + " " : "";

    public string Group => OnPostgres
        ? $"LandFlow on PostgreSQL, {Silos} silo{(Silos == 1 ? "" : "s")} (silo processes and a cluster-mode gateway, over HTTP)"
        : BenchmarkRun.LandFlow;

    public string Describe => OnPostgres
        ? $"{Name}: {Silos} silo process{(Silos == 1 ? "" : "es")} (`Workflow.Silo.dll`, LandFlow:Storage=postgres, LandFlow:Clustering=postgres) on a fresh PostgreSQL database, and a cluster-mode gateway in front of them"
        : $"{EmbeddedName}: the built gateway, embedded mode (silo and HTTP in one process, SQLite)";

    public string Title(string title) => OnPostgres ? $"{title} ({Name})" : title;

    /// <summary><c>embedded,postgres-1,postgres-3</c>: names separated by commas.</summary>
    public static IReadOnlyList<Deployment> ParseList(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).Distinct().ToList();

    public static Deployment Parse(string name)
    {
        if (name == EmbeddedName)
        {
            return Embedded;
        }

        if (name.StartsWith(PostgresPrefix, StringComparison.Ordinal)
            && int.TryParse(name[PostgresPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var silos)
            && silos is >= 1 and <= 16)
        {
            return new Deployment(name, silos);
        }

        throw new ArgumentException($"Unknown deployment '{name}': `embedded`, or `postgres-N` for N silos (1 to 16).");
    }
}
