using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Contracts;

namespace Workflow.Gateway;

/// <summary>The officer's desk: <c>GET /api/tasks</c>, the steps waiting on the caller's department (and county), oldest
/// due first, filtered and paged, with counts per state and light. Whose steps these are is decided by the task list grain
/// from the caller, by the rule project acts apply.</summary>
public static class TasksApi
{
    private static readonly string[] OpenStates = ["received", "in-progress", "suspended"];

    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/tasks", ListAsync).WithTags("Tasks").RequireAuthorization().CallsGrains().WithName("GetTasks")
            .WithSummary("The steps waiting on the caller's department (and county), oldest due first (state=&step=&light=&text=&page=&pageSize=), with counts per state and light")
            .AllowsValues("state", OpenStates)
            .AllowsValues("light", OperationFacts.Lights)
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidTaskQuery)
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden);
        return app;
    }

    private static async Task<Results<Ok<TaskList>, ProblemHttpResult>> ListAsync(
        HttpContext http, IClusterClient cluster, GrainCalls calls,
        string? state = null, string? step = null, string? light = null, string? text = null, int? page = null, int? pageSize = null)
    {
        var query = new TaskQuery(state, step, light, text, page ?? 1, pageSize ?? 20);
        var grain = cluster.GetGrain<ITaskListGrain>(0);
        var reply = await calls.ReadAsync(() => grain.ListAsync(query, Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.Value!);
    }
}
