using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Contracts;

namespace Workflow.Gateway;

/// <summary>Leaders' figures from the analytics read model: bottlenecks, the steps × counties heatmap, the projects behind
/// a cell, the weekly trend. Who sees which county or department is decided by the dashboard grain from the caller.</summary>
public static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var dashboard = app.MapGroup("/api/dashboard").WithTags("Dashboard").RequireAuthorization().CallsGrains();
        dashboard.MapGet("/bottlenecks", BottlenecksAsync).WithName("GetDashboardBottlenecks")
            .WithSummary("Per step waiting, yellow, red and dwell (median, 90th percentile); per county and department the on-time rate and bottleneck step")
            .Refuses(StatusCodes.Status400BadRequest, Rules.UnknownProcedure, Rules.InvalidDashboardQuery)
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden, Rules.DashboardScopeForbidden);
        dashboard.MapGet("/heatmap", HeatmapAsync).WithName("GetDashboardHeatmap")
            .WithSummary("Steps (the procedure's template, in order) × counties: median dwell, waiting, yellow and red per cell")
            .Refuses(StatusCodes.Status400BadRequest, Rules.UnknownProcedure, Rules.InvalidDashboardQuery)
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden, Rules.DashboardScopeForbidden);
        dashboard.MapGet("/cells", CellsAsync).WithName("GetDashboardCell")
            .WithSummary("The projects waiting at one step (optionally of a county, light and state), oldest first, paged")
            .AllowsValues("light", OperationFacts.Lights)
            .AllowsValues("state", OpenStates)
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidDashboardQuery)
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden, Rules.DashboardScopeForbidden);
        dashboard.MapGet("/trend", TrendAsync).WithName("GetDashboardTrend")
            .WithSummary("Completions, on-time rate and red turns by ISO week, the last `weeks` weeks (default 12)")
            .Refuses(StatusCodes.Status400BadRequest, Rules.UnknownProcedure, Rules.InvalidDashboardQuery)
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden, Rules.DashboardScopeForbidden);
        return app;
    }

    private static readonly string[] OpenStates = ["received", "in-progress", "suspended"];

    private static async Task<Results<Ok<BottlenecksView>, ProblemHttpResult>> BottlenecksAsync(
        HttpContext http, IClusterClient cluster, GrainCalls calls, string? county = null, string? department = null, string? procedure = null)
    {
        var filter = new DashboardFilter(Blank(county), Blank(department), Blank(procedure));
        var grain = cluster.GetGrain<IDashboardGrain>(0);
        var reply = await calls.ReadAsync(() => grain.BottlenecksAsync(filter, Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(BottlenecksView.Of(reply.Value!));
    }

    private static async Task<Results<Ok<HeatmapView>, ProblemHttpResult>> HeatmapAsync(
        HttpContext http, IClusterClient cluster, GrainCalls calls, string? county = null, string? department = null, string? procedure = null)
    {
        var filter = new DashboardFilter(Blank(county), Blank(department), Blank(procedure));
        var grain = cluster.GetGrain<IDashboardGrain>(0);
        var reply = await calls.ReadAsync(() => grain.HeatmapAsync(filter, Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(HeatmapView.Of(reply.Value!));
    }

    private static async Task<Results<Ok<CellProjects>, ProblemHttpResult>> CellsAsync(
        HttpContext http, IClusterClient cluster, GrainCalls calls,
        string? step = null, string? county = null, string? light = null, string? state = null, int? page = null, int? pageSize = null)
    {
        var query = new CellProjectsQuery(step ?? "", Blank(county), Blank(light), Blank(state), page ?? 1, pageSize ?? 20);
        var grain = cluster.GetGrain<IDashboardGrain>(0);
        var reply = await calls.ReadAsync(() => grain.CellProjectsAsync(query, Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.Value!);
    }

    private static async Task<Results<Ok<TrendView>, ProblemHttpResult>> TrendAsync(
        HttpContext http, IClusterClient cluster, GrainCalls calls,
        string? county = null, string? department = null, string? procedure = null, int? weeks = null)
    {
        var filter = new DashboardFilter(Blank(county), Blank(department), Blank(procedure), weeks ?? 12);
        var grain = cluster.GetGrain<IDashboardGrain>(0);
        var reply = await calls.ReadAsync(() => grain.TrendAsync(filter, Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(new TrendView(reply.Weeks!));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>One step's figures as API.md names them (flat: <c>waiting</c>, <c>yellow</c>, <c>red</c>, <c>medianDwellDays</c>, ...).</summary>
public sealed record DashboardStepView(
    string Step, string Department, int Waiting, int Received, int InProgress, int Suspended, int Yellow, int Red,
    double? MedianDwellDays, double? P90DwellDays, double? MedianWaitDays, double? P90WaitDays, int Completed, int CompletedOnTime, double? OnTimeRate)
{
    public static DashboardStepView Of(string step, string department, WaitingFigures now, DwellFigures dwell, double? onTimeRate) => new(
        step, department, now.Waiting, now.Received, now.InProgress, now.Suspended, now.Yellow, now.Red,
        dwell.MedianDays, dwell.P90Days, dwell.MedianWaitDays, dwell.P90WaitDays, dwell.Completed, dwell.CompletedOnTime, onTimeRate);
}

/// <summary>A county or department: open visits and lights now, completions judged against a limit, on-time rate (a fraction), bottleneck step.</summary>
public sealed record DashboardUnitView(
    string Unit, int Waiting, int Yellow, int Red, int Completed, int CompletedOnTime, double? OnTimeRate, string? BottleneckStep)
{
    public static DashboardUnitView Of(UnitFigures unit) =>
        new(unit.Unit, unit.Now.Waiting, unit.Now.Yellow, unit.Now.Red, unit.Completed, unit.CompletedOnTime, unit.OnTimeRate, unit.BottleneckStep);
}

public sealed record BottlenecksView(
    IReadOnlyList<DashboardStepView> Steps, IReadOnlyList<DashboardUnitView> Counties, IReadOnlyList<DashboardUnitView> Departments,
    string? BottleneckStep, DateTimeOffset AsOf)
{
    public static BottlenecksView Of(Bottlenecks figures) => new(
        [.. figures.Steps.Select(s => DashboardStepView.Of(s.Step, s.Department, s.Now, s.Dwell, s.OnTimeRate))],
        [.. figures.Counties.Select(DashboardUnitView.Of)],
        [.. figures.Departments.Select(DashboardUnitView.Of)],
        figures.BottleneckStep,
        figures.AsOf);
}

/// <summary>One heatmap cell, flat as a step's figures are.</summary>
public sealed record HeatmapCellView(
    string Step, string County, int Waiting, int Yellow, int Red, double? MedianDwellDays, double? P90DwellDays, double? MedianWaitDays, int Completed);

public sealed record HeatmapView(
    string TemplateId, int TemplateVersion, IReadOnlyList<string> Steps, IReadOnlyList<string> Counties, IReadOnlyList<HeatmapCellView> Cells, DateTimeOffset AsOf)
{
    public static HeatmapView Of(Heatmap heatmap) => new(
        heatmap.TemplateId,
        heatmap.TemplateVersion,
        heatmap.Steps,
        heatmap.Counties,
        [.. heatmap.Cells.Select(c => new HeatmapCellView(
            c.Step, c.County, c.Now.Waiting, c.Now.Yellow, c.Now.Red, c.Dwell.MedianDays, c.Dwell.P90Days, c.Dwell.MedianWaitDays, c.Dwell.Completed))],
        heatmap.AsOf);
}

public sealed record TrendView(IReadOnlyList<WeekFigures> Weeks);
