using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Projections;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>
/// Leaders' figures over the analytics read model. Stateless: the read model is in the shared database, so every silo
/// answers locally and sees the same. The caller's scope (DashboardScope) narrows every query.
/// </summary>
// Named so it does not clash with the Orleans Dashboard's own grain type "dashboard".
// Reentrant: no state to guard, and without it a silo runs one call per core while the rest wait on store round trips.
[StatelessWorker, Reentrant]
[GrainType("landflow-dashboard")]
public sealed class DashboardGrain(
    IReadModelDatabase database,
    WorkflowEnvironment environment,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time) : Grain, IDashboardGrain
{
    public const int MaxPageSize = 200;
    public const int MaxWeeks = 104;

    private readonly DashboardQueries queries = new(database);

    public async Task<BottlenecksReply> BottlenecksAsync(DashboardFilter filter, ActorInfo actor)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (analytics, refusal) = Filter(filter, actor);
        if (refusal is not null)
        {
            return new BottlenecksReply(null, refusal);
        }

        var open = await queries.OpenAsync(analytics!);
        var dwell = await queries.DwellAsync(analytics!, null);
        var order = DashboardReads.StepOrder(environment.Templates);
        var steps = open.Select(o => o.Step).Concat(dwell.Select(d => d.Step)).Distinct(StringComparer.Ordinal)
            .OrderBy(s => order.GetValueOrDefault(s, int.MaxValue)).ThenBy(s => s, StringComparer.Ordinal)
            .Select(step => Step(step, open.Where(o => o.Step == step), dwell.Where(d => d.Step == step)))
            .ToList();

        return new BottlenecksReply(new Bottlenecks(
            filter,
            steps,
            Units(open, dwell, o => o.County, d => d.County),
            Units(open, dwell, o => o.Department, d => d.Department),
            Bottleneck(open, dwell),
            time.GetUtcNow()), null);
    }

    public async Task<HeatmapReply> HeatmapAsync(DashboardFilter filter, ActorInfo actor)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var procedure = filter.Procedure ?? Procedures.LandAcquisition;
        var (analytics, refusal) = Filter(filter with { Procedure = procedure }, actor);
        if (refusal is not null)
        {
            return new HeatmapReply(null, refusal);
        }

        var template = DashboardReads.LatestTemplate(environment.Templates, procedure)!;
        var open = await queries.OpenAsync(analytics!);
        var dwell = await queries.DwellAsync(analytics!, null);
        var counties = open.Select(o => o.County).Concat(dwell.Select(d => d.County))
            .Concat(analytics!.Scope.County is { } own ? [own] : [])
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var steps = template.Steps.Select(s => s.Key).ToList();
        var cells = (from step in steps
                     from county in counties
                     select new HeatmapCell(
                         step,
                         county,
                         DashboardReads.Waiting(open.Where(o => o.Step == step && o.County == county)),
                         DashboardReads.Dwell(dwell.Where(d => d.Step == step && d.County == county)))).ToList();
        var procedures = environment.Templates.ProcedureNames
            .Select(name => DashboardReads.LatestTemplate(environment.Templates, name)!)
            .Select(chosen => new HeatmapProcedure(chosen.Procedure, chosen.Id, chosen.Version)).ToList();
        return new HeatmapReply(new Heatmap(template.Id, template.Version, steps, counties, cells, time.GetUtcNow(), procedures), null);
    }

    public async Task<CellProjectsReply> CellProjectsAsync(CellProjectsQuery query, ActorInfo actor)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Invalid(query) is { } invalid)
        {
            return new CellProjectsReply(null, Refusal.Invalid(Rules.InvalidDashboardQuery, invalid));
        }

        var (scope, refusal) = DashboardReads.ScopeOf(actor, query.County, null);
        if (refusal is not null)
        {
            return new CellProjectsReply(null, refusal);
        }

        var (items, total) = await queries.CellAsync(new AnalyticsFilter(scope!, null), query.Step, query.Light, query.State, query.Page, query.PageSize);
        var today = WorkingCalendar.LocalDate(time.GetUtcNow());
        var projects = items.Select(item => Project(item, today)).ToList();
        return new CellProjectsReply(new CellProjects(projects, total, query.Page, query.PageSize), null);
    }

    public async Task<TrendReply> TrendAsync(DashboardFilter filter, ActorInfo actor)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (analytics, refusal) = Filter(filter, actor);
        if (refusal is not null)
        {
            return new TrendReply(null, refusal);
        }

        var weeks = IsoWeeks.LastWeeks(WorkingCalendar.LocalDate(time.GetUtcNow()), filter.Weeks);
        var dwell = await queries.DwellAsync(analytics!, weeks);
        var red = await queries.RedTurnsAsync(analytics!, weeks);
        return new TrendReply([.. weeks.Select(week =>
        {
            var (completed, onTime) = DashboardReads.Completions(dwell.Where(d => d.Week == week));
            return new WeekFigures(week, (int)completed, (int)onTime, DashboardReads.Rate(completed, onTime), (int)red.Where(r => r.Week == week).Sum(r => r.Turns));
        })], null);
    }

    private (AnalyticsFilter? Filter, Refusal? Refusal) Filter(DashboardFilter filter, ActorInfo actor)
    {
        if (filter.Procedure is { } procedure && !environment.Templates.ProcedureNames.Contains(procedure, StringComparer.Ordinal))
        {
            return (null, Refusal.Invalid(Rules.UnknownProcedure, $"No template declares the procedure '{procedure}'."));
        }

        if (filter.Weeks is < 1 or > MaxWeeks)
        {
            return (null, Refusal.Invalid(Rules.InvalidDashboardQuery, $"weeks must be between 1 and {MaxWeeks}."));
        }

        var (scope, refusal) = DashboardReads.ScopeOf(actor, filter.County, filter.Department);
        return refusal is not null ? (null, refusal) : (new AnalyticsFilter(scope!, filter.Procedure), null);
    }

    private static string? Invalid(CellProjectsQuery query)
    {
        if (string.IsNullOrWhiteSpace(query.Step))
        {
            return "step is required.";
        }

        if (query.Light is { } light && !DashboardReads.Lights.Contains(light, StringComparer.Ordinal))
        {
            return "light must be green, yellow or red.";
        }

        if (query.State is { } state && !VisitStates.IsOpen(state))
        {
            return "state must be received, in-progress or suspended.";
        }

        return query.Page < 1 || query.PageSize is < 1 or > MaxPageSize
            ? $"page must be 1 or more and pageSize between 1 and {MaxPageSize}."
            : null;
    }

    private CellProject Project(VisitItem item, DateOnly today)
    {
        DateOnly? due = item.DueAt is { } dueAt ? WorkingCalendar.LocalDate(dueAt.AddTicks(-1)) : null;
        int? left = due is { } last
            ? last >= today ? environment.Calendar.CountWorkingDays(today, last) : -environment.Calendar.CountWorkingDays(last, today)
            : null;
        return new CellProject(item.Code, item.Name ?? "", item.County, item.Step, item.State, item.Light, item.ReceivedAt, due, left, item.Liaison);
    }

    private static StepFigures Step(string step, IEnumerable<OpenVisitCount> open, IEnumerable<DwellCount> dwell)
    {
        var openList = open.ToList();
        var dwellList = dwell.ToList();
        var department = string.Join(",", openList.Select(o => o.Department).Concat(dwellList.Select(d => d.Department)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var figures = DashboardReads.Dwell(dwellList);
        return new StepFigures(step, department, DashboardReads.Waiting(openList), figures, DashboardReads.Rate(figures.Completed, figures.CompletedOnTime));
    }

    private static List<UnitFigures> Units(
        IReadOnlyList<OpenVisitCount> open, IReadOnlyList<DwellCount> dwell, Func<OpenVisitCount, string> openUnit, Func<DwellCount, string> dwellUnit) =>
        [.. open.Select(openUnit).Concat(dwell.Select(dwellUnit)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(unit =>
        {
            var unitOpen = open.Where(o => openUnit(o) == unit).ToList();
            var unitDwell = dwell.Where(d => dwellUnit(d) == unit).ToList();
            var (completed, onTime) = DashboardReads.Completions(unitDwell);
            return new UnitFigures(unit, DashboardReads.Waiting(unitOpen), (int)completed, (int)onTime, DashboardReads.Rate(completed, onTime), Bottleneck(unitOpen, unitDwell));
        })];

    private static string? Bottleneck(IReadOnlyList<OpenVisitCount> open, IReadOnlyList<DwellCount> dwell) =>
        BottleneckRule.Of(open.Select(o => o.Step).Concat(dwell.Select(d => d.Step)).Distinct(StringComparer.Ordinal).Select(step =>
            new BottleneckCandidate(
                step,
                DashboardReads.Dwell(dwell.Where(d => d.Step == step)).MedianDays,
                open.Where(o => o.Step == step && o.Light == "red").Sum(o => o.Count))));
}
