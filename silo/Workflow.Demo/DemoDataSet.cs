using System.Globalization;
using Workflow.Domain;
using Workflow.Grains;
using Workflow.Storage;

namespace Workflow.Demo;

/// <summary>What the generator built: projects with their whole history uncommitted, the county
/// ledgers, and the last code serial used in each county.</summary>
internal sealed class DemoDataSet(int seed, IReadOnlyList<Project> projects, DemoQuotaPools pools, IReadOnlyDictionary<string, int> lastSerials)
{
    public IReadOnlyList<Project> Projects { get; } = projects;

    public DemoQuotaPools Pools { get; } = pools;

    /// <summary>Every stream as its first commit: projects (with index row and next deadline),
    /// ledgers, and code counters set past every serial used so allocated codes never collide.</summary>
    public IEnumerable<AggregateCommit> Commits(DateTimeOffset now) =>
        Projects.Select(p => ProjectCommits.Build(p, 0, now))
            .Concat(Pools.Commits())
            .Concat(lastSerials.Select(s => ProjectCodeStreams.Commit(s.Key, s.Value, expectedVersion: 0)));

    /// <summary>One line for the log: projects per state, lights now, quota.</summary>
    public string Describe()
    {
        var byState = Projects.GroupBy(p => p.State.Status).OrderBy(g => g.Key).Select(g => $"{Names.Of(g.Key)} {g.Count()}");
        var open = Projects.Where(p => p.State.Status is ProjectStatus.Active or ProjectStatus.Approved).ToList();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"seed {seed}: {Projects.Count} projects ({string.Join(", ", byState)}); of {open.Count} open, "
            + $"{open.Count(p => p.ProjectLight == Light.Yellow)} yellow and {open.Count(p => p.ProjectLight == Light.Red)} red; "
            + $"{Pools.Ledgers.Sum(l => l.State.Lots.Count)} quota lots, {Pools.Shortfalls} reservations short");
    }
}
