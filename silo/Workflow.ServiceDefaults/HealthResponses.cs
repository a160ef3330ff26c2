using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Workflow.ServiceDefaults;

/// <summary>
/// Health answers as JSON with the overall status and nothing else; a failing check makes the answer an
/// RFC 7807 problem. The endpoints are anonymous, so they reveal nothing an attacker could use: no check names,
/// descriptions, exceptions, versions, counts or timings. Which check failed, and why, is in the log (the health
/// check service logs every unhealthy check with its exception). The status code stays the health middleware's
/// (200 healthy or degraded, 503 unhealthy), which is all a Kubernetes probe reads.
/// </summary>
public static class HealthResponses
{
    public const string NotReadyTitle = "Not ready";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);

        if (report.Status != HealthStatus.Unhealthy)
        {
            return context.Response.WriteAsJsonAsync(new HealthView(report.Status.ToString()), Json, context.RequestAborted);
        }

        var problem = new ProblemDetails
        {
            Status = context.Response.StatusCode,
            Title = NotReadyTitle,
            Detail = "A dependency of this service does not answer; its log says which.",
            Extensions = { ["healthStatus"] = report.Status.ToString() },
        };
        return TypedResults.Problem(problem).ExecuteAsync(context);
    }

    private sealed record HealthView(string Status);
}
