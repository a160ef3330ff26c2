using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Workflow.Gateway;

/// <summary>ASP.NET Core's rate limiter, per user (<see cref="RateLimitPartitions"/>), configured by "LandFlow:RateLimits".</summary>
public static class RateLimitSetup
{
    public static IServiceCollection AddLandFlowRateLimits(this IServiceCollection services)
    {
        services.AddOptions<LandFlowRateLimitOptions>()
            .BindConfiguration(LandFlowRateLimitOptions.SectionName)
            .Validate(
                limits => limits.WritesPerSecond > 0 && limits.WriteBurst > 0 && limits.ReadsPerSecond > 0 && limits.ReadBurst > 0,
                $"{LandFlowRateLimitOptions.SectionName}: WritesPerSecond, WriteBurst, ReadsPerSecond and ReadBurst must be more than zero "
                + $"(to turn the limits off, set {LandFlowRateLimitOptions.SectionName}:Enabled=false).")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<LandFlowRateLimitOptions>>((options, limits) =>
            {
                options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                options.OnRejected = RateLimitRejection.WriteAsync;
                // Only when on: the partitioned limiter runs a refill timer from the moment it exists.
                if (limits.Value.Enabled)
                {
                    options.GlobalLimiter = RateLimitPartitions.Create(limits.Value);
                }
            });
        return services;
    }

    /// <summary>After authentication, so a request counts against its user; with the limits off, not in the pipeline at all.</summary>
    public static WebApplication UseLandFlowRateLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<LandFlowRateLimitOptions>>().Value.Enabled)
        {
            app.UseRateLimiter();
        }

        return app;
    }
}
