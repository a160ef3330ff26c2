using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Workflow.Web;

/// <summary>
/// Run from a build (not a publish), MapStaticAssets adds a catch-all GET route (<c>{**path:file}</c>) for files made after
/// the build. Every path then has a GET candidate, and routing answers an unknown POST with 405 instead of the API's 404
/// problem. A 405 whose path no other route matches is turned back into "no endpoint", so the 404 stays as it was.
/// </summary>
public sealed class UnknownPathMethodFilter(RequestDelegate next, EndpointDataSource endpoints)
{
    private const string StaticAssetFallback = "{**path:file}";
    private IReadOnlyList<TemplateMatcher>? routes;

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint() is { DisplayName: "405 HTTP Method Not Supported" } && !MatchesAnyRoute(context.Request.Path))
        {
            context.SetEndpoint(null);
        }

        return next(context);
    }

    private bool MatchesAnyRoute(PathString path)
    {
        routes ??= [.. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw != StaticAssetFallback)
            .Select(e => new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText!), new RouteValueDictionary()))];
        return routes.Any(route => route.TryMatch(path, new RouteValueDictionary()));
    }
}
