using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Workflow.Contracts;
using Workflow.ServiceDefaults;

namespace Workflow.Gateway;

/// <summary>Projects: registration, status, lists, step actions, history, documents, withdrawal, liaison.</summary>
public static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/projects").WithTags("Projects").RequireAuthorization().CallsGrains();

        projects.MapPost("/", RegisterAsync).WithName("RegisterProject").WithSummary("Register a project (enterprise for itself, or admin)")
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidCode, Rules.InvalidRegistration, Rules.AppliedOnOutOfRange, Rules.UnknownLiaison,
                Rules.UnknownProcedure, Rules.FactsTooLarge, Rules.FactsTooDeep, Rules.FactsTooManyProperties)
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden, Rules.NotYourEnterprise, Rules.RegistrationFieldForbidden)
            // The rules of the procedures' own registrations are named in their template files, as gate rules are.
            .Refuses(StatusCodes.Status409Conflict, Rules.ProjectExists, "homestead-owner-not-collective", "homestead-area-over-cap",
                "one-household-one-plot", "homestead-after-house-sold");
        projects.MapGet("/", ListAsync).WithName("ListProjects").WithSummary("Projects the caller may see, filtered and paged")
            .AllowsValues("state", OperationFacts.ProjectStates)
            .AllowsValues("light", OperationFacts.Lights)
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidListFilter);
        projects.MapGet("/{code}", GetAsync).WithName("GetProject").WithSummary("A project's status")
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidCode)
            .Refuses(StatusCodes.Status404NotFound);
        projects.MapGet("/{code}/history", HistoryAsync).WithName("GetProjectHistory")
            .WithSummary("Every accepted act, a page at a time: after=&limit= oldest first, or order=desc&before= newest first")
            .AllowsValues("order", OperationFacts.HistoryOrders)
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidCode, Rules.LimitOutOfRange, Rules.InvalidCursor, Rules.InvalidOrder)
            .Refuses(StatusCodes.Status404NotFound);
        projects.MapPost("/{code}/steps/{key}/{action}", ActAsync).WithName("ActOnStep")
            .WithSummary("start, suspend, resume, complete, reject, reserve (farmland balance), or extend (延期: reason and facts.workingDays)")
            // The body is optional and read by hand (JsonBody), so it is declared here rather than bound.
            .Accepts<StepActionRequest>(isOptional: true, "application/json")
            .AllowsValues("action", OperationFacts.StepActions)
            .Refuses(
                StatusCodes.Status400BadRequest,
                Rules.InvalidCode, "malformed-json", Rules.ReasonRequired, Rules.FactRequired, Rules.FactInvalid, Rules.UnknownAction,
                Rules.NotFarmlandStep, Rules.ReasonTooLong, Rules.FactsTooLarge, Rules.FactsTooDeep, Rules.FactsTooManyProperties)
            .Refuses(StatusCodes.Status403Forbidden, Rules.WrongDepartment, Rules.RoleForbidden, Rules.QuotaCountyForbidden)
            .Refuses(StatusCodes.Status404NotFound)
            .Refuses(
                StatusCodes.Status409Conflict,
                Rules.StepNotReady, Rules.StepState, "announcement-period", "tender-notice-period", "agreements-incomplete",
                "farmland-unbalanced", "funds-not-in-place", Rules.DocumentsMissing, Rules.QuotaAreaShort, Rules.QuotaPaddyShort,
                Rules.QuotaCapacityShort, Rules.AlreadyBalanced, Rules.ReservationPending, "holdouts-unexplained", Rules.ProjectClosed,
                Rules.HoldoutsTooMany, Rules.HearingRequired,
                Rules.SupplementAlreadyRequested, Rules.ExtensionAlreadyGranted, Rules.ExtensionTooLong, Rules.ExtensionNotApplicable,
                "posting-period", "entitlement-not-reviewed", "planning-not-reviewed", "one-household-one-plot", "rectification-pending",
                "rectification-not-verified");
        // A literal last segment outranks ActOnStep's {action}, so a chase never reaches the step actions.
        projects.MapPost("/{code}/steps/{key}/chase", ChaseAsync).WithName("ChaseStep")
            .WithSummary("The project's liaison or a leader chases (催办) an open step with a reason; its department is notified")
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidCode, Rules.ReasonRequired, Rules.ReasonTooLong)
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden)
            .Refuses(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, Rules.StepNotReady, Rules.StepState, Rules.ProjectClosed, Rules.ChaseTooSoon);
        projects.MapPost("/{code}/documents", SubmitDocumentAsync).WithName("SubmitDocument").WithSummary("The owner submits a required document")
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidCode, Rules.InvalidDocumentKey, Rules.UnknownDocument)
            .Refuses(StatusCodes.Status403Forbidden, Rules.OwnerOnly, Rules.RoleForbidden)
            .Refuses(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, Rules.ProjectClosed);
        projects.MapPost("/{code}/withdraw", WithdrawAsync).WithName("WithdrawProject").WithSummary("The owner or an admin withdraws the project")
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidCode, Rules.ReasonRequired, Rules.ReasonTooLong)
            .Refuses(StatusCodes.Status403Forbidden, Rules.OwnerOnly, Rules.RoleForbidden)
            .Refuses(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, Rules.ProjectClosed);
        projects.MapPost("/{code}/liaison", AssignLiaisonAsync).WithName("AssignLiaison").WithSummary("A leader or admin assigns the liaison")
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidCode, Rules.UnknownLiaison)
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden)
            .Refuses(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, Rules.ProjectClosed);
        return app;
    }

    // The gateway authenticates, maps the request to a command, calls a grain and formats its answer: who may do what,
    // and every refusal, is decided behind the grain interface by the domain.
    private static async Task<Results<Created<ProjectView>, ProblemHttpResult>> RegisterAsync(
        RegisterProjectRequest request, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return Problems.Invalid("The registration is incomplete or malformed.", errors);
        }

        // The registrar checks, allocates a code when none was asked for, and registers. Nothing registered is repeated
        // when it answers that the allocator was lost (a repeated allocation only skips a serial).
        var registrar = cluster.GetGrain<IProjectRegistrarGrain>(0);
        var reply = await calls.ActAsync(() => registrar.RegisterAsync(request.ToCommand(), Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Created($"/api/projects/{reply.Project!.Code}", reply.Project);
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
        var query = new ProjectListQuery(county, state, light, step, liaison, page ?? 1, pageSize ?? 20);
        var catalog = cluster.GetGrain<IProjectCatalogGrain>(0);
        var reply = await calls.ReadAsync(() => catalog.QueryAsync(query, Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.List);
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

        // The body is optional, so it is read here rather than bound.
        var body = await JsonBody.ReadOptionalAsync<StepActionRequest>(http);
        if (body.Problem is { } malformed)
        {
            return malformed;
        }

        var request = body.Value ?? new StepActionRequest(null, null);
        if (request.Facts is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            return Refusal.Invalid(Rules.FactInvalid, "facts must be a JSON object.").ToProblem();
        }

        var facts = request.Facts is { ValueKind: JsonValueKind.Object } f ? f.GetRawText() : null;
        var project = cluster.GetGrain<IProjectGrain>(code);
        var command = new StepActionCommand(key, action, request.Reason, facts);
        var reply = await calls.ActAsync(() => project.ActAsync(command, Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.Project);
    }

    private static async Task<Results<Ok<ProjectView>, ProblemHttpResult>> ChaseAsync(
        string code, string key, ChaseRequest request, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        if (InvalidCode(code) is { } invalid)
        {
            return invalid;
        }

        var project = cluster.GetGrain<IProjectGrain>(code);
        var reply = await calls.WriteAsync(() => project.ChaseAsync(key, request.Reason, Caller.From(http.User).ToActor()), http.RequestAborted);
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

        var project = cluster.GetGrain<IProjectGrain>(code);
        var reply = await calls.WriteAsync(() => project.AssignLiaisonAsync(request.Liaison ?? "", Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.Project);
    }

    /// <summary>A code that is not even spelled like one is refused here, so no grain is activated for it: the spelling
    /// is the shared vocabulary's (<see cref="ProjectCodeSyntax"/>), the same check the domain parses codes with.</summary>
    private static ProblemHttpResult? InvalidCode(string code) =>
        ProjectCodeSyntax.Validate(code) is { } error ? Refusal.Invalid(Rules.InvalidCode, error).ToProblem() : null;
}
