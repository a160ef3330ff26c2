using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Contracts;
using Workflow.ServiceDefaults;

namespace Workflow.Gateway;

/// <summary>
/// <c>GET /api/admin/history/verify</c>: checks the hash chain of stored history, for one project (<c>?project=</c>)
/// or every stream a page at a time (<c>?after=&amp;limit=</c>, with done/total counts). The grain decides who may.
/// </summary>
public static class HistoryAuditApi
{
    public const int DefaultLimit = 200;

    public static IEndpointRouteBuilder MapHistoryAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/history/verify", VerifyAsync)
            .WithTags("Administration")
            .RequireAuthorization()
            .WithName("VerifyHistory")
            .CallsGrains()
            .Refuses(StatusCodes.Status400BadRequest)
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden)
            .Refuses(StatusCodes.Status404NotFound)
            .WithSummary("Checks the history's hash chain: one project, or all streams page by page (administrators)");
        return app;
    }

    private static async Task<Results<Ok<HistoryAuditView>, ProblemHttpResult>> VerifyAsync(
        string? project, string? after, int? limit, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        if (limit is < 1 or > 1000)
        {
            return Problems.Invalid("limit must be between 1 and 1000.", new Dictionary<string, string[]> { ["limit"] = ["Between 1 and 1000."] });
        }

        if (project is not null && (after is not null || limit is not null))
        {
            return Problems.Invalid("Give either project, or after and limit.", new Dictionary<string, string[]> { ["project"] = ["Not with after or limit."] });
        }

        var actor = Caller.From(http.User).ToActor();
        var audit = cluster.GetGrain<IHistoryAuditGrain>(0);
        var reply = project is not null
            ? await calls.ReadAsync(() => audit.VerifyProjectAsync(project, actor), http.RequestAborted)
            : await calls.ReadAsync(() => audit.VerifyAllAsync(after, limit ?? DefaultLimit, actor), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.Report!);
    }
}
