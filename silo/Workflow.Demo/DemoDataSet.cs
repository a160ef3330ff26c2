using System.Globalization;
using Workflow.Domain;

namespace Workflow.Demo;

/// <summary>What the generator planned: each project's script (registration and acts at their instants, with the
/// project as the plan left it) and the county pools with their deposits.</summary>
internal sealed class DemoDataSet(int seed, IReadOnlyList<DemoProjectRun> runs, DemoQuotaPools pools)
{
    public IReadOnlyList<DemoProjectRun> Runs { get; } = runs;

    public DemoQuotaPools Pools { get; } = pools;

    /// <summary>One line for the log: projects per state, lights now, quota.</summary>
    public string Describe()
    {
        var projects = Runs.Select(r => r.Project).ToList();
        var byState = projects.GroupBy(p => p.State.Status).OrderBy(g => g.Key).Select(g => $"{Names.Of(g.Key)} {g.Count()}");
        var open = projects.Where(p => p.State.Status is ProjectStatus.Active or ProjectStatus.Approved).ToList();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"seed {seed}: {projects.Count} projects ({string.Join(", ", byState)}); of {open.Count} open, "
            + $"{open.Count(p => p.ProjectLight == Light.Yellow)} yellow and {open.Count(p => p.ProjectLight == Light.Red)} red; "
            + $"{Pools.Deposits.Count} quota lots, {Pools.Shortfalls} reservations short; {Runs.Sum(r => r.Acts.Count)} acts");
    }
}
