namespace Workflow.Contracts;

/// <summary>
/// What leaders read: figures from the analytics read model (a projection of every project's history), scoped by the
/// caller (a county officer sees their county, a department's officer their department). Stateless: any silo answers.
/// </summary>
public interface IDashboardGrain : IGrainWithIntegerKey
{
    /// <summary>Per step (and in total): waiting now, yellow, red, dwell medians and 90th percentiles; per county and
    /// department the on-time rate; each county's bottleneck step.</summary>
    Task<BottlenecksReply> BottlenecksAsync(DashboardFilter filter, ActorInfo actor);

    /// <summary>Steps × counties of one procedure, each cell with its median dwell and its counts.</summary>
    Task<HeatmapReply> HeatmapAsync(DashboardFilter filter, ActorInfo actor);

    /// <summary>The projects behind one cell (a step, optionally a county and a light), oldest waiting first, paged.</summary>
    Task<CellProjectsReply> CellProjectsAsync(CellProjectsQuery query, ActorInfo actor);

    /// <summary>On-time rate and completions by ISO week, for the trend lines.</summary>
    Task<TrendReply> TrendAsync(DashboardFilter filter, ActorInfo actor);
}

/// <summary>County (6-digit code), department key and procedure (LAND_ACQUISITION, HOMESTEAD, ...); null means all the
/// caller may see. <c>Weeks</c> bounds trends to the last N ISO weeks.</summary>
[GenerateSerializer, Immutable, Alias("landflow.DashboardFilter")]
public sealed record DashboardFilter(
    [property: Id(0)] string? County = null,
    [property: Id(1)] string? Department = null,
    [property: Id(2)] string? Procedure = null,
    [property: Id(3)] int Weeks = 12);

/// <summary>How long visits to a step took, in working days: waiting to be accepted (received → accepted) counted apart
/// from being worked (accepted → done). Null when nothing has finished there yet.</summary>
[GenerateSerializer, Immutable, Alias("landflow.DwellFigures")]
public sealed record DwellFigures(
    [property: Id(0)] double? MedianDays,
    [property: Id(1)] double? P90Days,
    [property: Id(2)] double? MedianWaitDays,
    [property: Id(3)] double? P90WaitDays,
    [property: Id(4)] int Completed,
    [property: Id(5)] int CompletedOnTime);

/// <summary>Open visits to a step now, by state and light.</summary>
[GenerateSerializer, Immutable, Alias("landflow.WaitingFigures")]
public sealed record WaitingFigures(
    [property: Id(0)] int Received,
    [property: Id(1)] int InProgress,
    [property: Id(2)] int Suspended,
    [property: Id(3)] int Yellow,
    [property: Id(4)] int Red)
{
    public int Waiting => Received + InProgress + Suspended;
}

[GenerateSerializer, Immutable, Alias("landflow.StepFigures")]
public sealed record StepFigures(
    [property: Id(0)] string Step,
    [property: Id(1)] string Department,
    [property: Id(2)] WaitingFigures Now,
    [property: Id(3)] DwellFigures Dwell,
    [property: Id(4)] double? OnTimeRate);

[GenerateSerializer, Immutable, Alias("landflow.UnitFigures")]
public sealed record UnitFigures(
    [property: Id(0)] string Unit,
    [property: Id(1)] WaitingFigures Now,
    [property: Id(2)] int Completed,
    [property: Id(3)] int CompletedOnTime,
    [property: Id(4)] double? OnTimeRate,
    [property: Id(5)] string? BottleneckStep);

[GenerateSerializer, Immutable, Alias("landflow.Bottlenecks")]
public sealed record Bottlenecks(
    [property: Id(0)] DashboardFilter Filter,
    [property: Id(1)] IReadOnlyList<StepFigures> Steps,
    [property: Id(2)] IReadOnlyList<UnitFigures> Counties,
    [property: Id(3)] IReadOnlyList<UnitFigures> Departments,
    [property: Id(4)] string? BottleneckStep,
    [property: Id(5)] DateTimeOffset AsOf);

[GenerateSerializer, Immutable, Alias("landflow.BottlenecksReply")]
public sealed record BottlenecksReply([property: Id(0)] Bottlenecks? Value, [property: Id(1)] Refusal? Refusal);

[GenerateSerializer, Immutable, Alias("landflow.HeatmapCell")]
public sealed record HeatmapCell(
    [property: Id(0)] string Step,
    [property: Id(1)] string County,
    [property: Id(2)] WaitingFigures Now,
    [property: Id(3)] DwellFigures Dwell);

/// <summary>The template the rows come from (its steps in template order), the counties as columns, and the cells.
/// <c>Procedures</c>: every procedure a heatmap can show, each with the template whose steps would be its rows (the same
/// choice this heatmap made), so a page names each choice exactly as the dashboard draws it.</summary>
[GenerateSerializer, Immutable, Alias("landflow.Heatmap")]
public sealed record Heatmap(
    [property: Id(0)] string TemplateId,
    [property: Id(1)] int TemplateVersion,
    [property: Id(2)] IReadOnlyList<string> Steps,
    [property: Id(3)] IReadOnlyList<string> Counties,
    [property: Id(4)] IReadOnlyList<HeatmapCell> Cells,
    [property: Id(5)] DateTimeOffset AsOf,
    [property: Id(6)] IReadOnlyList<HeatmapProcedure> Procedures);

/// <summary>A procedure and the template version whose steps are its heatmap's rows.</summary>
[GenerateSerializer, Immutable, Alias("landflow.HeatmapProcedure")]
public sealed record HeatmapProcedure(
    [property: Id(0)] string Procedure,
    [property: Id(1)] string TemplateId,
    [property: Id(2)] int TemplateVersion);

[GenerateSerializer, Immutable, Alias("landflow.HeatmapReply")]
public sealed record HeatmapReply([property: Id(0)] Heatmap? Value, [property: Id(1)] Refusal? Refusal);

/// <summary><c>State</c>: received, in-progress or suspended (null: any open); <c>Light</c>: green, yellow, red.</summary>
[GenerateSerializer, Immutable, Alias("landflow.CellProjectsQuery")]
public sealed record CellProjectsQuery(
    [property: Id(0)] string Step,
    [property: Id(1)] string? County = null,
    [property: Id(2)] string? Light = null,
    [property: Id(3)] string? State = null,
    [property: Id(4)] int Page = 1,
    [property: Id(5)] int PageSize = 20);

/// <summary>One open visit to a step: the project, since when it waits there and how many working days are left (negative: overdue).</summary>
[GenerateSerializer, Immutable, Alias("landflow.CellProject")]
public sealed record CellProject(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string County,
    [property: Id(3)] string Step,
    [property: Id(4)] string State,
    [property: Id(5)] string Light,
    [property: Id(6)] DateTimeOffset Since,
    [property: Id(7)] DateOnly? Due,
    [property: Id(8)] int? WorkingDaysLeft,
    [property: Id(9)] string? Liaison);

[GenerateSerializer, Immutable, Alias("landflow.CellProjects")]
public sealed record CellProjects(
    [property: Id(0)] IReadOnlyList<CellProject> Items,
    [property: Id(1)] int Total,
    [property: Id(2)] int Page,
    [property: Id(3)] int PageSize);

[GenerateSerializer, Immutable, Alias("landflow.CellProjectsReply")]
public sealed record CellProjectsReply([property: Id(0)] CellProjects? Value, [property: Id(1)] Refusal? Refusal);

/// <summary>One ISO week (2026-W49) of completions: how many steps finished and how many within their limit.</summary>
[GenerateSerializer, Immutable, Alias("landflow.WeekFigures")]
public sealed record WeekFigures(
    [property: Id(0)] string Week,
    [property: Id(1)] int Completed,
    [property: Id(2)] int CompletedOnTime,
    [property: Id(3)] double? OnTimeRate,
    [property: Id(4)] int TurnedRed);

[GenerateSerializer, Immutable, Alias("landflow.TrendReply")]
public sealed record TrendReply([property: Id(0)] IReadOnlyList<WeekFigures>? Weeks, [property: Id(1)] Refusal? Refusal);
