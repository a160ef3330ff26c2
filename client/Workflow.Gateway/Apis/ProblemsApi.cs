using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Contracts;

namespace Workflow.Gateway;

/// <summary>
/// Land problems (涉土问题) on a project, each act in its history: <c>GET|POST /api/projects/{code}/problems</c>, one by
/// number, and <c>assign</c>, <c>follow</c>, <c>resolve</c> on it; <c>GET /api/dashboard/problems?county=</c> lists the open
/// ones across projects. Who may do and see what is decided behind the grains (docs/api.md#land-problems).
/// </summary>
public static class ProblemsApi
{
    public static IEndpointRouteBuilder MapProblemsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var problems = app.MapGroup("/api/projects/{code}/problems").WithTags("Land problems").RequireAuthorization().CallsGrains();
        problems.MapGet("/", ListAsync).WithName("ListLandProblems")
            .WithSummary("The project's land problems (涉土问题), open and resolved, oldest first")
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidCode)
            .Refuses(StatusCodes.Status404NotFound);
        problems.MapPost("/", RecordAsync).WithName("RecordLandProblem")
            .WithSummary("The project's liaison or a leader records a land problem: title, description, optionally the step it blocks")
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidCode, Rules.InvalidProblem, Rules.UnknownStep, Rules.ReasonTooLong)
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden)
            .Refuses(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, Rules.ProjectClosed);
        problems.MapGet("/{id:int}", GetAsync).WithName("GetLandProblem")
            .WithSummary("One land problem of the project")
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidCode)
            .Refuses(StatusCodes.Status404NotFound);
        problems.MapPost("/{id:int}/assign", AssignAsync).WithName("AssignLandProblem")
            .WithSummary("The project's liaison or a leader assigns an open land problem to a department; its officers in the project's county are told")
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidCode, Rules.UnknownProblem, Rules.ProblemDepartmentUnknown, Rules.InvalidProblem, Rules.ReasonTooLong)
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden)
            .Refuses(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, Rules.ProblemResolved);
        problems.MapPost("/{id:int}/follow", FollowAsync).WithName("FollowLandProblem")
            .WithSummary("A note on an open land problem's progress: the liaison, a leader or the assigned department's officer")
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidCode, Rules.UnknownProblem, Rules.ReasonRequired, Rules.ReasonTooLong)
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden)
            .Refuses(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, Rules.ProblemResolved);
        problems.MapPost("/{id:int}/resolve", ResolveAsync).WithName("ResolveLandProblem")
            .WithSummary("The project's liaison or an officer of the assigned department resolves a land problem with a note; the liaison is told")
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidCode, Rules.UnknownProblem, Rules.ReasonRequired, Rules.ReasonTooLong)
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden)
            .Refuses(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, Rules.ProblemResolved);

        app.MapGroup("/api/dashboard").WithTags("Dashboard").RequireAuthorization().CallsGrains()
            .MapGet("/problems", OpenAsync).WithName("GetOpenLandProblems")
            .WithSummary("Open land problems across projects, oldest first, with their count per county: leaders and administrators all (or one county's), an officer their department's, a liaison their projects'")
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden, Rules.DashboardScopeForbidden);
        return app;
    }

    public sealed record RecordProblemRequest(string? Title, string? Description, string? Step);

    public sealed record AssignProblemRequest(string? Department, string? Note);

    public sealed record ProblemNoteRequest(string? Note);

    private static async Task<Results<Ok<LandProblemList>, ProblemHttpResult>> ListAsync(string code, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        if (InvalidCode(code) is { } invalid)
        {
            return invalid;
        }

        var grain = cluster.GetGrain<IProjectProblemsGrain>(code);
        var reply = await calls.ReadAsync(() => grain.ListProblemsAsync(Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(new LandProblemList(reply.Items ?? []));
    }

    private static async Task<Results<Ok<LandProblemView>, ProblemHttpResult>> GetAsync(string code, int id, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        if (InvalidCode(code) is { } invalid)
        {
            return invalid;
        }

        var grain = cluster.GetGrain<IProjectProblemsGrain>(code);
        var reply = await calls.ReadAsync(() => grain.ListProblemsAsync(Caller.From(http.User).ToActor()), http.RequestAborted);
        if (reply.Refusal is { } refusal)
        {
            return refusal.ToProblem();
        }

        return reply.Items?.FirstOrDefault(p => p.Id == id) is { } problem
            ? TypedResults.Ok(problem)
            : Problems.NotFound($"Project {code} has no land problem {id}.");
    }

    private static async Task<Results<Created<LandProblemView>, ProblemHttpResult>> RecordAsync(
        string code, RecordProblemRequest request, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        if (InvalidCode(code) is { } invalid)
        {
            return invalid;
        }

        var grain = cluster.GetGrain<IProjectProblemsGrain>(code);
        var command = new RecordProblemCommand(request.Title, request.Description, request.Step);
        var reply = await calls.WriteAsync(() => grain.RecordProblemAsync(command, Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Created($"/api/projects/{code}/problems/{reply.Problem!.Id}", reply.Problem);
    }

    private static Task<Results<Ok<LandProblemView>, ProblemHttpResult>> AssignAsync(
        string code, int id, AssignProblemRequest request, HttpContext http, IClusterClient cluster, GrainCalls calls) =>
        ActAsync(code, http, cluster, calls, (grain, actor) => grain.AssignProblemAsync(id, request.Department, request.Note, actor));

    private static Task<Results<Ok<LandProblemView>, ProblemHttpResult>> FollowAsync(
        string code, int id, ProblemNoteRequest request, HttpContext http, IClusterClient cluster, GrainCalls calls) =>
        ActAsync(code, http, cluster, calls, (grain, actor) => grain.FollowProblemAsync(id, request.Note, actor));

    private static Task<Results<Ok<LandProblemView>, ProblemHttpResult>> ResolveAsync(
        string code, int id, ProblemNoteRequest request, HttpContext http, IClusterClient cluster, GrainCalls calls) =>
        ActAsync(code, http, cluster, calls, (grain, actor) => grain.ResolveProblemAsync(id, request.Note, actor));

    private static async Task<Results<Ok<LandProblemView>, ProblemHttpResult>> ActAsync(
        string code, HttpContext http, IClusterClient cluster, GrainCalls calls, Func<IProjectProblemsGrain, ActorInfo, Task<ProblemsReply>> act)
    {
        if (InvalidCode(code) is { } invalid)
        {
            return invalid;
        }

        var grain = cluster.GetGrain<IProjectProblemsGrain>(code);
        var actor = Caller.From(http.User).ToActor();
        var reply = await calls.WriteAsync(() => act(grain, actor), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.Problem!);
    }

    private static async Task<Results<Ok<OpenLandProblems>, ProblemHttpResult>> OpenAsync(
        HttpContext http, IClusterClient cluster, GrainCalls calls, string? county = null)
    {
        var board = cluster.GetGrain<ILandProblemBoardGrain>(0);
        var reply = await calls.ReadAsync(() => board.OpenAsync(county, Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Ok(new OpenLandProblems(reply.Items ?? [], reply.PerCounty ?? new Dictionary<string, int>()));
    }

    private static ProblemHttpResult? InvalidCode(string code) =>
        ProjectCodeSyntax.Validate(code) is { } error ? Refusal.Invalid(Rules.InvalidCode, error).ToProblem() : null;
}

/// <summary>The answer of <c>GET /api/projects/{code}/problems</c>.</summary>
public sealed record LandProblemList(IReadOnlyList<LandProblemView> Items);

/// <summary>The answer of <c>GET /api/dashboard/problems</c>: open problems oldest first (at most 500) and the count per county.</summary>
public sealed record OpenLandProblems(IReadOnlyList<OpenProblemView> Items, IReadOnlyDictionary<string, int> PerCounty);
