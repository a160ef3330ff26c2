using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Bulletins;

namespace Workflow.Web;

/// <summary>
/// The bulletin page's downloads (<c>/leader/bulletin/download?week=&amp;format=html|xlsx</c>): the printable A4 page and
/// the Excel workbook, read with the pages' cookie, from the same grain and renderers as <c>/api/dashboard/bulletin</c>,
/// which keeps taking bearer tokens only. Who may read the bulletin is decided by the grain.
/// </summary>
public static class BulletinDownloads
{
    public const string Path = "/leader/bulletin/download";

    public static readonly string[] Formats = ["html", "xlsx"];

    public static string Link(string week, string format) =>
        $"{Path}?week={Uri.EscapeDataString(week)}&format={Uri.EscapeDataString(format)}";

    public static IEndpointRouteBuilder MapBulletinDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (Func<HttpContext, string?, string?, Task<IResult>>)DownloadAsync)
            .RequireAuthorization(WebSession.Policy)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, string? week, string? format)
    {
        var identities = context.RequestServices.GetRequiredService<IWebIdentities>();
        if (identities.Read(context.User) is not { } user)
        {
            // The pages' policy lets anyone reach a page (to be sent to sign in); a file goes to a signed-in reader only.
            return Results.Challenge(authenticationSchemes: [WebSession.Scheme]);
        }

        // Checked before the grain is asked, as the API does: a malformed link costs nothing.
        if (week is not null && !BulletinWeek.IsValid(week))
        {
            return Problem(StatusCodes.Status400BadRequest, Rules.InvalidWeek, $"'{week}' is not an ISO week such as 2026-W49.");
        }

        var chosen = format?.ToLowerInvariant();
        if (chosen is null || !Formats.Contains(chosen))
        {
            return Problem(StatusCodes.Status400BadRequest, Rules.InvalidBulletinFormat, $"format is one of {string.Join(", ", Formats)}.");
        }

        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        var reply = await grains.GetGrain<IBulletinGrain>(0).GetAsync(week, user.ToActor());
        if (reply.Refusal is { } refusal)
        {
            return Problem(StatusOf(refusal.Kind), refusal.Rule, refusal.Detail);
        }

        var bulletin = reply.Value!;
        return chosen == "html"
            ? Results.Content(BulletinHtml.Render(bulletin), BulletinHtml.ContentType)
            : Results.File(BulletinWorkbook.Render(bulletin), BulletinWorkbook.ContentType, BulletinWorkbook.FileName(bulletin.Week));
    }

    private static int StatusOf(RefusalKind kind) => kind switch
    {
        RefusalKind.Invalid => StatusCodes.Status400BadRequest,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status409Conflict,
    };

    private static IResult Problem(int status, string rule, string detail) =>
        Results.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["rule"] = rule });
}
