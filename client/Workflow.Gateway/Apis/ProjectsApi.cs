using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.ServiceDefaults;

namespace Workflow.Gateway;

/// <summary>Projects: registration, status, lists, step actions, history, documents, withdrawal, liaison.</summary>
public static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/projects").WithTags("Projects").RequireAuthorization();

        projects.MapPost("/", RegisterAsync).WithName("RegisterProject").WithSummary("Register a project (enterprise for itself, or admin)");
        projects.MapGet("/", ListAsync).WithName("ListProjects").WithSummary("Projects the caller may see, filtered and paged");
        projects.MapGet("/{code}", GetAsync).WithName("GetProject").WithSummary("A project's status");
        projects.MapGet("/{code}/history", HistoryAsync).WithName("GetProjectHistory")
            .WithSummary("Every accepted act, a page at a time: after=&limit= oldest first, or order=desc&before= newest first");
        projects.MapPost("/{code}/steps/{key}/{action}", ActAsync).WithName("ActOnStep")
            .WithSummary("start, suspend, resume, complete, reject, or reserve (farmland balance)");
        projects.MapPost("/{code}/documents", SubmitDocumentAsync).WithName("SubmitDocument").WithSummary("The owner submits a required document");
        projects.MapPost("/{code}/withdraw", WithdrawAsync).WithName("WithdrawProject").WithSummary("The owner or an admin withdraws the project");
        projects.MapPost("/{code}/liaison", AssignLiaisonAsync).WithName("AssignLiaison").WithSummary("A leader or admin assigns the liaison");
        return app;
    }

    private static async Task<Results<Created<ProjectView>, ProblemHttpResult>> RegisterAsync(
        RegisterProjectRequest request, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        var caller = Caller.From(http.User);
        if (caller.Role is not (Roles.Enterprise or Roles.Admin))
        {
            return Problems.Rule(StatusCodes.Status403Forbidden, "role-forbidden", "Not allowed", "Only enterprises (for themselves) and administrators register projects.");
        }

        if (request.Validate() is { Count: > 0 } errors)
        {
            return Problems.Invalid("The registration is incomplete or malformed.", errors);
        }

        string code;
        if (request.Code is { } given)
        {
            if (!ProjectCode.TryParse(given, out var parsed, out var error))
            {
                return Problems.Rule(StatusCodes.Status400BadRequest, Rules.InvalidCode, "Invalid project code", error);
            }

            code = parsed.Value;
        }
        else if (!Counties.IsKnown(request.County!) || !ProjectTypes.IsKnown(request.Type!))
        {
            return Problems.Invalid("Unknown county or type.", new Dictionary<string, string[]>
            {
                ["county"] = [$"Expected one of {string.Join(", ", Counties.Huzhou.Select(c => c.Code))}."],
                ["type"] = [$"Expected one of {string.Join(", ", ProjectTypes.All.Select(t => t.Key))}."],
            });
        }
        else
        {
            // Repeating an allocation that landed only skips a serial number.
            var allocator = cluster.GetGrain<IProjectCodeAllocatorGrain>(request.County!);
            code = await calls.IdempotentWriteAsync(() => allocator.NextCodeAsync(ProjectTypes.Get(request.Type!).Code), http.RequestAborted);
        }

        var project = cluster.GetGrain<IProjectGrain>(code);
        var reply = await calls.WriteAsync(() => project.RegisterAsync(request.ToCommand(), caller.ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Created($"/api/projects/{code}", reply.Project);
    }

    private static async Task<Results<Ok<ProjectListView>, ProblemHttpResult>> ListAsync(
        HttpContext http,
        IClusterClient cluster,
        GrainCalls calls,
        string? county = null,
        string? state = null,
        string? light = null,
        string? step = null,
        string? liaison = null,
        int? page = null,
        int? pageSize = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (county is not null && !Counties.IsKnown(county))
        {
            errors["county"] = [$"Unknown county '{county}'."];
        }

        if (state is not null && state is not ("active" or "approved" or "completed" or "rejected" or "withdrawn"))
        {
            errors["state"] = ["Expected active, approved, completed, rejected or withdrawn."];
        }

        if (light is not null && light is not ("green" or "yellow" or "red"))
        {
            errors["light"] = ["Expected green, yellow or red."];
        }

        if (page is < 1)
        {
            errors["page"] = ["Pages start at 1."];
        }

        if (pageSize is < 1 or > 200)
        {
            errors["pageSize"] = ["Page size runs from 1 to 200."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid("Invalid list filter.", errors);
        }

        var query = new ProjectListQuery(county, state, light, step, liaison, page ?? 1, pageSize ?? 20);
        var catalog = cluster.GetGrain<IProjectCatalogGrain>(0);
        return TypedResults.Ok(await calls.ReadAsync(() => catalog.QueryAsync(query, Caller.From(http.User).ToActor()), http.RequestAborted));
    }

    private static async Task<Results<Ok<ProjectView>, ProblemHttpResult>> GetAsync(string code, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        if (InvalidCode(code) is { } invalid)
        {
            return invalid;
        }

        var project = cluster.GetGrain<IProjectGrain>(code);
        var reply = await calls.ReadAsync(() => project.GetAsync(Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.Project);
    }

    private static async Task<Results<Ok<HistoryView>, ProblemHttpResult>> HistoryAsync(
        string code,
        HttpContext http,
        IClusterClient cluster,
        GrainCalls calls,
        long? after = null,
        long? before = null,
        int? limit = null,
        string? order = null)
    {
        if (InvalidCode(code) is { } invalid)
        {
            return invalid;
        }

        if (order is not (null or "asc" or "desc"))
        {
            return Problems.Rule(StatusCodes.Status400BadRequest, Rules.InvalidOrder, "Invalid order", "order is asc (oldest first, the default) or desc.");
        }

        // The grain validates the page (limits, cursors) and reads only it.
        var query = new HistoryQuery(after, before, limit, order == "desc");
        var project = cluster.GetGrain<IProjectGrain>(code);
        var reply = await calls.ReadAsync(() => project.GetHistoryAsync(Caller.From(http.User).ToActor(), query), http.RequestAborted);
        return reply.Refusal is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Ok(new HistoryView([.. reply.Items!.Select(HistoryItem.From)], reply.Next));
    }

    private static async Task<Results<Ok<ProjectView>, ProblemHttpResult>> ActAsync(
        string code, string key, string action, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        if (InvalidCode(code) is { } invalid)
        {
            return invalid;
        }

        if (!StepActions.All.Contains(action))
        {
            return Problems.Rule(StatusCodes.Status400BadRequest, Rules.UnknownAction, "Unknown action",
                $"'{action}' is not an action; expected one of {string.Join(", ", StepActions.All)}.");
        }

        // The body is optional, so it is read here rather than bound.
        var body = await JsonBody.ReadOptionalAsync<StepActionRequest>(http);
        if (body.Problem is { } malformed)
        {
            return malformed;
        }

        var request = body.Value ?? new StepActionRequest(null, null);
        if (request.Facts is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            return Problems.Rule(StatusCodes.Status400BadRequest, Rules.FactInvalid, "Invalid facts", "facts must be a JSON object.");
        }

        var facts = request.Facts is { ValueKind: JsonValueKind.Object } f ? f.GetRawText() : null;
        var project = cluster.GetGrain<IProjectGrain>(code);
        var command = new StepActionCommand(key, action, request.Reason, facts);
        var reply = await calls.ActAsync(() => project.ActAsync(command, Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.Project);
    }

    private static async Task<Results<Ok<ProjectView>, ProblemHttpResult>> SubmitDocumentAsync(
        string code, DocumentRequest request, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        if (InvalidCode(code) is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrWhiteSpace(request.Key))
        {
            return Problems.Invalid("A document key is required.", new Dictionary<string, string[]> { ["key"] = ["Required."] });
        }

        var project = cluster.GetGrain<IProjectGrain>(code);
        var reply = await calls.WriteAsync(() => project.SubmitDocumentAsync(request.Key, Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.Project);
    }

    private static async Task<Results<Ok<ProjectView>, ProblemHttpResult>> WithdrawAsync(
        string code, WithdrawRequest request, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        if (InvalidCode(code) is { } invalid)
        {
            return invalid;
        }

        var project = cluster.GetGrain<IProjectGrain>(code);
        var reply = await calls.WriteAsync(() => project.WithdrawAsync(request.Reason, Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.Project);
    }

    private static async Task<Results<Ok<ProjectView>, ProblemHttpResult>> AssignLiaisonAsync(
        string code, LiaisonRequest request, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        if (InvalidCode(code) is { } invalid)
        {
            return invalid;
        }

        var caller = Caller.From(http.User);
        if (caller.Role is not (Roles.Leader or Roles.Admin))
        {
            return Problems.Rule(StatusCodes.Status403Forbidden, "role-forbidden", "Not allowed", "Only leaders and administrators assign liaisons.");
        }

        if (string.IsNullOrWhiteSpace(request.Liaison))
        {
            return Problems.Rule(StatusCodes.Status400BadRequest, "unknown-liaison", "Unknown liaison", $"'{request.Liaison}' is not a liaison.");
        }

        var project = cluster.GetGrain<IProjectGrain>(code);
        var reply = await calls.WriteAsync(() => project.AssignLiaisonAsync(request.Liaison, caller.ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.Project);
    }

    private static ProblemHttpResult? InvalidCode(string code) =>
        ProjectCode.TryParse(code, out _, out var error)
            ? null
            : Problems.Rule(StatusCodes.Status400BadRequest, Rules.InvalidCode, "Invalid project code", error);
}
