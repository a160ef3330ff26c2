namespace Workflow.Gateway;

/// <summary><c>GET /api/me</c>: who the token says the caller is; the web UI shows it and picks its views by role.</summary>
public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/me", (HttpContext context) => TypedResults.Ok(UserView.Of(Caller.From(context.User))))
            .RequireAuthorization()
            .WithTags("Identity")
            .WithName("GetMe")
            .WithSummary("The caller's identity and claims.");
        return app;
    }
}
