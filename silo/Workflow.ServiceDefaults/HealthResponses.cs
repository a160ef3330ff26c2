using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Workflow.ServiceDefaults;

/// <summary>
/// Health answers as JSON: the overall status and each check's status, description and duration. A failing
/// check makes the answer an RFC 7807 problem. The status code stays the health middleware's (200 healthy or
/// degraded, 503 unhealthy), which is all a Kubernetes probe reads. Exceptions are left out: the endpoints
/// are anonymous, and a check's exception is logged by the health check service.
/// </summary>
public static class HealthResponses
{
    public const string NotReadyTitle = "Not ready";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);

        var checks = report.Entries.ToDictionary(
            entry => entry.Key,
            entry => new HealthCheckView(entry.Value.Status.ToString(), entry.Value.Description, entry.Value.Duration.TotalMilliseconds),
            StringComparer.Ordinal);
        if (report.Status != HealthStatus.Unhealthy)
        {
            return context.Response.WriteAsJsonAsync(
                new HealthView(report.Status.ToString(), report.TotalDuration.TotalMilliseconds, checks), Json, context.RequestAborted);
        }

        var failing = report.Entries.Where(entry => entry.Value.Status == HealthStatus.Unhealthy)
            .Select(entry => string.IsNullOrWhiteSpace(entry.Value.Description) ? entry.Key : $"{entry.Key}: {entry.Value.Description.TrimEnd('.')}");
        var problem = new ProblemDetails
        {
            Status = context.Response.StatusCode,
            Title = NotReadyTitle,
            Detail = $"Failing: {string.Join("; ", failing)}.",
            Extensions =
            {
                ["healthStatus"] = report.Status.ToString(),
                ["checks"] = checks,
            },
        };
        return TypedResults.Problem(problem).ExecuteAsync(context);
    }

    private sealed record HealthView(string Status, double TotalDurationMs, IReadOnlyDictionary<string, HealthCheckView> Checks);

    private sealed record HealthCheckView(string Status, string? Description, double DurationMs);
}
