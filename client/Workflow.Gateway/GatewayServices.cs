using Workflow.ServiceDefaults;
using Workflow.Web;

namespace Workflow.Gateway;

/// <summary>Everything the gateway registers besides ServiceDefaults and Orleans.</summary>
public static class GatewayServices
{
    /// <summary>Where the gateway listens when neither ASPNETCORE_URLS, --urls nor Kestrel endpoints say.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    /// <summary>64 KiB: the largest request body Kestrel accepts; more is a 413. The largest legitimate body is a
    /// step action at the domain's limits (InputLimits: a 2,000-character reason, even \u-escaped 12 KB, and 16 KiB
    /// of facts), under 30 KB; a body that could never be accepted is not read.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static WebApplicationBuilder AddGatewayServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        if (!HasConfiguredUrls(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        var services = builder.Services;
        services.AddOptions<LandFlowOptions>().BindConfiguration(LandFlowOptions.SectionName);

        // Chinese names and reasons are served as text, not \u escapes.
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All));

        // Grain calls repeated through a silo failover, or answered 503 with Retry-After (docs/faults.md).
        services.AddOptions<GrainCallOptions>();
        services.AddSingleton<GrainCalls>();

        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemResponses.Complete);
        services.AddExceptionHandler<GatewayExceptionHandler>();
        // Binding failures (malformed JSON, a missing body) throw, so the exception handler can say what was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        builder.AddLandFlowAuthentication();
        // The web UI at `/` (client/Workflow.Web): its users read as the API's callers.
        services.AddLandFlowWeb();
        services.AddSingleton<IWebIdentities, CallerWebIdentities>();
        services.AddLandFlowRateLimits();
        services.AddApiDocs();
        return builder;
    }

    /// <summary>The API: who the caller is, projects, quota, the administrators' dashboard and the API document; and the web UI.</summary>
    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMeApi();
        app.MapProjectsApi();
        app.MapQuotaApi();
        app.MapDashboardApi();
        app.MapAdminApi();
        app.MapHistoryAuditApi();
        app.MapInboxApi();
        app.MapBulletinApi();
        app.MapInspectionsApi();
        app.MapTasksApi();
        app.MapProblemsApi();
        app.MapCampaignsApi();
        app.MapApiDocs();
        app.MapLandFlowWeb();
        return app;
    }

    private static bool HasConfiguredUrls(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").Exists();
}
