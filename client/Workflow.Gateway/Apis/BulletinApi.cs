using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Bulletins;
using Workflow.Contracts;

namespace Workflow.Gateway;

/// <summary>The weekly bulletin (一周一通报) as JSON, a printable HTML page or an Excel workbook.</summary>
public static class BulletinApi
{
    /// <summary>The formats <c>format=</c> takes; JSON when absent.</summary>
    public static readonly string[] Formats = ["json", "html", "xlsx"];

    public static IEndpointRouteBuilder MapBulletinApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard/bulletin", GetAsync).WithTags("Dashboard").RequireAuthorization().CallsGrains()
            .WithName("GetBulletin")
            .WithSummary("The weekly bulletin for week=YYYY-Www (default: the last full week): JSON, html (A4, Chinese) or xlsx")
            .Produces(StatusCodes.Status200OK, contentType: BulletinHtml.ContentType)
            .Produces(StatusCodes.Status200OK, contentType: BulletinWorkbook.ContentType)
            .AllowsValues("format", Formats)
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidWeek, Rules.InvalidBulletinFormat)
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden);
        return app;
    }

    private static async Task<Results<Ok<Bulletin>, ContentHttpResult, FileContentHttpResult, ProblemHttpResult>> GetAsync(
        string? week, string? format, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        // Checked before any grain is asked: a malformed request changes and costs nothing.
        if (week is not null && !BulletinWeek.IsValid(week))
        {
            return Problems.Rule(StatusCodes.Status400BadRequest, Rules.InvalidWeek, "Invalid request",
                $"'{week}' is not an ISO week such as 2026-W49.");
        }

        var chosen = format?.ToLowerInvariant() ?? "json";
        if (!Formats.Contains(chosen))
        {
            return Problems.Rule(StatusCodes.Status400BadRequest, Rules.InvalidBulletinFormat, "Invalid request",
                $"format is one of {string.Join(", ", Formats)}.");
        }

        var bulletins = cluster.GetGrain<IBulletinGrain>(0);
        var reply = await calls.ReadAsync(() => bulletins.GetAsync(week, Caller.From(http.User).ToActor()), http.RequestAborted);
        if (reply.Refusal is { } refusal)
        {
            return refusal.ToProblem();
        }

        var bulletin = reply.Value!;
        return chosen switch
        {
            "html" => TypedResults.Content(BulletinHtml.Render(bulletin), BulletinHtml.ContentType),
            "xlsx" => TypedResults.File(BulletinWorkbook.Render(bulletin), BulletinWorkbook.ContentType, BulletinWorkbook.FileName(bulletin.Week)),
            _ => TypedResults.Ok(bulletin),
        };
    }
}
