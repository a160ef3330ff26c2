using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Contracts;

namespace Workflow.Gateway;

/// <summary>
/// Execution inspections (执行力检查): <c>POST /api/inspections</c> opens one with its findings, <c>GET /api/inspections</c>
/// lists those the caller may see, <c>GET /api/inspections/{id}</c> reads one with its findings' lights, and
/// <c>POST /api/inspections/{id}/findings/{finding}/rectify</c> records what was done. Who may do and see what is
/// decided by the inspection grains (docs/campaigns.md).
/// </summary>
public static partial class InspectionsApi
{
    public static IEndpointRouteBuilder MapInspectionsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var inspections = app.MapGroup("/api/inspections").WithTags("Inspections").RequireAuthorization().CallsGrains();
        inspections.MapPost("/", OpenAsync).WithName("OpenInspection")
            .WithSummary("A leader or an administrator opens an inspection of a unit with its findings (rectification deadlines in working days); repeating the same id and terms answers it as it is")
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidInspection)
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden)
            .Refuses(StatusCodes.Status409Conflict, Rules.InspectionExists);
        inspections.MapGet("/", ListAsync).WithName("ListInspections")
            .WithSummary("The inspections the caller may see: leaders and administrators every one, an officer those of their unit");
        inspections.MapGet("/{id}", GetAsync).WithName("GetInspection")
            .WithSummary("One inspection with its findings, their deadlines and lights")
            .Refuses(StatusCodes.Status404NotFound);
        inspections.MapPost("/{id}/findings/{finding}/rectify", RectifyAsync).WithName("RectifyFinding")
            .WithSummary("An officer of the inspected unit records, with a reason, what was done about a finding")
            .Refuses(StatusCodes.Status400BadRequest, Rules.UnknownFinding, Rules.ReasonRequired, Rules.ReasonTooLong)
            .Refuses(StatusCodes.Status403Forbidden, Rules.WrongDepartment)
            .Refuses(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, Rules.FindingRectified);
        return app;
    }

    /// <param name="Id">Optional: the caller's own id (letters, digits, '-', at most 64), which makes a repeat safe; one
    /// is made when absent.</param>
    public sealed record OpenInspectionRequest(string? Id, string? Title, string? County, string? Department, IReadOnlyList<FindingRequest>? Findings);

    public sealed record FindingRequest(string? Text, int WorkingDays);

    public sealed record RectifyRequest(string? Reason);

    private static async Task<Results<Created<InspectionView>, ProblemHttpResult>> OpenAsync(
        OpenInspectionRequest request, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        if (request.Id is { } chosen && !IsId(chosen))
        {
            return Problems.Rule(StatusCodes.Status400BadRequest, Rules.InvalidInspection, "Invalid request",
                "An inspection id has letters, digits and '-' only, at most 64 of them.");
        }

        // The rest of the draft (title, unit, findings) is judged by the domain behind the grain.
        var id = request.Id ?? "insp-" + Guid.NewGuid().ToString("N")[..12];
        var command = new OpenInspectionCommand(
            request.Title ?? "",
            request.County,
            request.Department,
            [.. (request.Findings ?? []).Select(f => new FindingCommand(f.Text ?? "", f.WorkingDays))]);
        var inspection = cluster.GetGrain<IInspectionGrain>(id);

        // The id is fixed before the call, and opening again with the same terms answers the same inspection: safe to repeat.
        var reply = await calls.IdempotentWriteAsync(() => inspection.OpenAsync(command, Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Created($"/api/inspections/{reply.Inspection!.Id}", reply.Inspection);
    }

    private static async Task<Results<Ok<InspectionList>, ProblemHttpResult>> ListAsync(HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        var registry = cluster.GetGrain<IInspectionRegistryGrain>(0);
        var reply = await calls.ReadAsync(() => registry.ListAsync(Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(new InspectionList(reply.Inspections ?? []));
    }

    private static async Task<Results<Ok<InspectionView>, ProblemHttpResult>> GetAsync(string id, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        if (!IsId(id))
        {
            return Problems.NotFound($"No inspection '{id}'.");
        }

        var inspection = cluster.GetGrain<IInspectionGrain>(id);
        var reply = await calls.ReadAsync(() => inspection.GetAsync(Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.Inspection!);
    }

    private static async Task<Results<Ok<InspectionView>, ProblemHttpResult>> RectifyAsync(
        string id, string finding, RectifyRequest request, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        if (!IsId(id))
        {
            return Problems.NotFound($"No inspection '{id}'.");
        }

        var inspection = cluster.GetGrain<IInspectionGrain>(id);
        var reply = await calls.WriteAsync(() => inspection.RectifyAsync(finding, request.Reason ?? "", Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.Inspection!);
    }

    private static bool IsId(string id) => IdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();
}

/// <summary>The answer of <c>GET /api/inspections</c>.</summary>
public sealed record InspectionList(IReadOnlyList<InspectionSummary> Items);
