using Workflow.Web;

namespace Workflow.Gateway;

/// <summary>The gateway's middleware, in order: errors as problem details first, then routing and security.</summary>
public static class GatewayPipeline
{
    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages(context => ProblemResponses.WriteForStatusCodeAsync(context.HttpContext));
        app.UseRouting();
        app.UseAuthentication();
        app.UseLandFlowRateLimits();
        app.UseAuthorization();
        // The web UI's language (not under /api) and the antiforgery check of its forms.
        app.UseLandFlowWeb();
        return app;
    }
}
