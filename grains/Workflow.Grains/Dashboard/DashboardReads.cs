using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Projections;

namespace Workflow.Grains;

/// <summary>
/// What the dashboard and the bulletin grains share: who may read which figures (the scope is decided here, from the
/// caller, never by an endpoint), and how rows of the read model add up to the contracts' figures.
/// </summary>
internal static class DashboardReads
{
    public static readonly string[] Lights = ["green", "yellow", "red"];

    /// <summary>The caller's scope narrowed by a request's county and department, or the refusal.</summary>
    public static (DashboardScope? Scope, Refusal? Refusal) ScopeOf(ActorInfo actor, string? county, string? department)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (DashboardScope.Of(actor.ToDomain()) is not { } scope)
        {
            return (null, Refusal.RoleForbidden("Enterprises read no dashboard figures; their projects are on their desk."));
        }

        return scope.Narrow(county, department) is { } narrowed
            ? (narrowed, null)
            : (null, Refusal.Forbidden(Rules.DashboardScopeForbidden, "The filter asks for a county or department outside the caller's scope."));
    }

    public static WaitingFigures Waiting(IEnumerable<OpenVisitCount> rows)
    {
        int received = 0, inProgress = 0, suspended = 0, yellow = 0, red = 0;
        foreach (var row in rows)
        {
            var count = (int)row.Count;
            switch (row.State)
            {
                case VisitStates.Received: received += count; break;
                case VisitStates.InProgress: inProgress += count; break;
                default: suspended += count; break;
            }

            if (row.Light == "yellow")
            {
                yellow += count;
            }
            else if (row.Light == "red")
            {
                red += count;
            }
        }

        return new WaitingFigures(received, inProgress, suspended, yellow, red);
    }

    /// <summary>Dwell from histogram bars: total and waiting phases' median and 90th percentile; completions with a
    /// limit and how many of those were on time (steps without a limit are never late, so they are not counted in the rate).</summary>
    public static DwellFigures Dwell(IEnumerable<DwellCount> rows)
    {
        var list = rows as IReadOnlyCollection<DwellCount> ?? [.. rows];
        var total = Histogram(list, AnalyticsSchema.Phases.Total);
        var wait = Histogram(list, AnalyticsSchema.Phases.Wait);
        var (completed, onTime) = Completions(list);
        return new DwellFigures(
            DwellPercentiles.Median(total), DwellPercentiles.P90(total), DwellPercentiles.Median(wait), DwellPercentiles.P90(wait),
            (int)completed, (int)onTime);
    }

    /// <summary>Completions judged against a limit (phase total, on_time 0 or 1) and those on time.</summary>
    public static (long Completed, long OnTime) Completions(IEnumerable<DwellCount> rows)
    {
        long completed = 0, onTime = 0;
        foreach (var row in rows)
        {
            if (row.Phase == AnalyticsSchema.Phases.Total && row.OnTime >= 0)
            {
                completed += row.Visits;
                onTime += row.OnTime == 1 ? row.Visits : 0;
            }
        }

        return (completed, onTime);
    }

    public static double? Rate(long completed, long onTime) => completed == 0 ? null : (double)onTime / completed;

    private static List<KeyValuePair<int, long>> Histogram(IEnumerable<DwellCount> rows, string phase) =>
        [.. rows.Where(r => r.Phase == phase).GroupBy(r => r.Days).Select(g => KeyValuePair.Create(g.Key, g.Sum(r => r.Visits)))];

    /// <summary>The newest version of <paramref name="procedure"/>'s template: the heatmap's rows.</summary>
    public static WorkflowTemplate? LatestTemplate(TemplateCatalog catalog, string procedure) =>
        catalog.All.Where(t => t.Procedure == procedure).OrderByDescending(t => t.Version).ThenBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>Step keys in template order (the newest template of each procedure, procedures by name), for stable rows.</summary>
    public static Dictionary<string, int> StepOrder(TemplateCatalog catalog)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var procedure in catalog.ProcedureNames)
        {
            foreach (var step in LatestTemplate(catalog, procedure)?.Steps ?? [])
            {
                order.TryAdd(step.Key, order.Count);
            }
        }

        return order;
    }
}
