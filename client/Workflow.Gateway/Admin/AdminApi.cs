using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Workflow.ServiceDefaults;

namespace Workflow.Gateway;

/// <summary>
/// The Orleans dashboard for administrators, at <c>/admin/orleans/</c>, with the sign-in page and the session
/// that lets a browser reach it (<see cref="AdminSession"/>). Mapped only when <c>LandFlow:Dashboard:Enabled</c>.
/// </summary>
public static class AdminApi
{
    public static WebApplication MapAdminApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<IOptions<LandFlowOptions>>().Value.Dashboard.Enabled)
        {
            return app;
        }

        app.MapOrleansDashboard(routePrefix: DashboardSettings.RoutePrefix)
            .RequireAuthorization(AdminSession.Policy)
            .ExcludeFromDescription();

        app.MapGet(AdminSession.SignInPath, (HttpContext context) =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = AdminSignInPage.ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.CacheControl = "no-store";
                return TypedResults.Content(AdminSignInPage.Html, "text/html; charset=utf-8");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

        var session = app.MapGroup(AdminSession.SessionPath).WithTags("Administration");
        session.MapPost("", OpenSession)
            .WithName("OpenAdminSession")
            .RequireAuthorization(AdminSession.BearerPolicy)
            .Refuses(StatusCodes.Status403Forbidden)
            .WithSummary("Opens an administrator's session for the Orleans dashboard: a cookie for /admin only, at most 30 minutes.");
        session.MapDelete("", (HttpContext context) =>
            {
                context.Response.Cookies.Delete(AdminSession.CookieName, AdminSession.CookieOptions(context, DateTimeOffset.UnixEpoch));
                return TypedResults.NoContent();
            })
            .AllowAnonymous()
            .WithName("CloseAdminSession")
            .WithSummary("Ends the administrator's session: clears its cookie.");
        return app;
    }

    private static Ok<AdminSessionView> OpenSession(HttpContext context, JwtTokenIssuer issuer, IOptions<LandFlowAuthOptions> auth)
    {
        var issued = issuer.Issue(
            Caller.From(context.User),
            AdminSession.AudienceFor(auth.Value.Audience),
            AdminSession.Lifetime,
            ExpiryOf(context.User));
        context.Response.Cookies.Append(AdminSession.CookieName, issued.Token, AdminSession.CookieOptions(context, issued.ExpiresAt));
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new AdminSessionView(issued.ExpiresAt, AdminSession.DashboardPath));
    }

    /// <summary>When the bearer token the session is opened with expires (its <c>exp</c> claim).</summary>
    private static DateTimeOffset? ExpiryOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue("exp"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}

/// <summary>The session opened: until when its cookie is accepted, and where the dashboard is.</summary>
public sealed record AdminSessionView(DateTimeOffset ExpiresAt, string Dashboard);
