using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Workflow.ServiceDefaults;

/// <summary>What every LandFlow process has, silo and gateway alike: telemetry and health probes. A process with
/// more to measure (the silo's PostgreSQL pools) adds its own meters and sources on top.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Health checks with this tag decide <c>/health/ready</c>.</summary>
    public const string ReadyTag = "ready";

    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.Orleans", LandFlowTelemetry.MeterName));
        if (TelemetrySettings.TracesEnabled(builder.Configuration))
        {
            telemetry.WithTracing(tracing => tracing
                // Probes hit every few seconds and an open dashboard polls every second; tracing them would drown
                // the real requests.
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsPolled(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", LandFlowTelemetry.SourceName));
        }

        // Without an endpoint the exporter would retry against localhost forever; off unless asked for.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c> runs no check (200 while the process serves); <c>/health/ready</c> runs the checks
    /// tagged <see cref="ReadyTag"/> (503 when one fails). Both anonymous and mapped in every environment, for
    /// Kubernetes probes; both answer JSON, a failing one a problem (<see cref="HealthResponses"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponses.WriteAsync })
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthResponses.WriteAsync })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static bool IsPolled(PathString path) =>
        path.StartsWithSegments(LivePath) || path.StartsWithSegments(ReadyPath) || path.StartsWithSegments(DashboardSettings.RoutePrefix);
}
