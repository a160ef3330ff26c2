using Microsoft.AspNetCore.Authentication.JwtBearer;
using Workflow.ServiceDefaults;

namespace Workflow.Gateway;

/// <summary>
/// How a browser presents an administrator's token to the Orleans dashboard, whose page fetches its data
/// itself and cannot add an Authorization header. <c>POST /admin/session</c>, authorised by the bearer header
/// only, answers with a cookie holding a token of its own: a separate audience, so it is worthless on
/// <c>/api</c>; at most 30 minutes and never past the bearer token; HttpOnly, so scripts cannot read it;
/// SameSite=Strict, so no other site's page sends it; and Path=/admin, so no other route receives it. The
/// dashboard only reads, and the cookie cannot mint a cookie, so a forged cross-site request gains nothing.
/// </summary>
public static class AdminSession
{
    /// <summary>Authenticates from the session cookie only.</summary>
    public const string CookieScheme = "AdminSession";

    /// <summary>The bearer header when there is one, else the session cookie.</summary>
    public const string Scheme = "Admin";

    /// <summary>An administrator, by bearer header or session cookie: the dashboard.</summary>
    public const string Policy = "Admin";

    /// <summary>An administrator, by bearer header only: opening a session.</summary>
    public const string BearerPolicy = "AdminBearer";

    public const string CookieName = "landflow-admin";
    public const string CookiePath = "/admin";
    public const string SessionPath = "/admin/session";
    public const string SignInPath = "/admin/sign-in";
    public const string DashboardPath = DashboardSettings.RoutePrefix + "/";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>The audience of session tokens: the API's, marked, so neither is accepted for the other.</summary>
    public static string AudienceFor(string apiAudience) => apiAudience + "/admin-session";

    internal static string SelectScheme(HttpContext context) =>
        context.Request.Headers.Authorization.Count == 0 && context.Request.Cookies.ContainsKey(CookieName)
            ? CookieScheme
            : JwtBearerDefaults.AuthenticationScheme;

    /// <summary>The cookie as issued, or (<paramref name="expires"/> in the past) as cleared: same name, path and flags.</summary>
    internal static CookieOptions CookieOptions(HttpContext context, DateTimeOffset expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = CookiePath,
        // Browsers refuse a Secure cookie over plain HTTP except on loopback; elsewhere plain HTTP must not carry it.
        Secure = context.Request.IsHttps || !IsLoopback(context.Request.Host.Host),
        Expires = expires,
        IsEssential = true,
    };

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));
}
