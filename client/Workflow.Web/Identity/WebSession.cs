namespace Workflow.Web;

/// <summary>The pages' own session: a cookie (HttpOnly, SameSite=Lax) read only by the pages' endpoints, never by
/// <c>/api</c>, so the API keeps taking bearer tokens only and a page's cookie cannot be replayed against it.</summary>
public static class WebSession
{
    public const string Scheme = "LandFlowWeb";

    /// <summary>Authenticates the pages' requests (and their Blazor connection) by the cookie; the pages decide what to show.</summary>
    public const string Policy = "LandFlowWeb";

    public const string CookieName = "landflow-web";
    /// <summary>The sign-in page; its form posts to <see cref="SignInEndpoint"/> (the page's own path answers Blazor's forms).</summary>
    public const string SignInPath = "/signin";
    public const string SignInEndpoint = "/account/signin";
    public const string SignOutPath = "/account/signout";
    public const string CulturePath = "/culture";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);
}
