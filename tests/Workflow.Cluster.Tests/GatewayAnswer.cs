using System.Net;
using System.Text.Json.Nodes;

namespace Workflow.Cluster.Tests;

/// <summary>One HTTP exchange with the gateway: what was asked, what came back and when.</summary>
internal sealed record GatewayAnswer(
    string Method,
    string Path,
    HttpStatusCode? Status,
    JsonNode? Body,
    TimeSpan? RetryAfter,
    string? TransportError,
    long StartedAt,
    long EndedAt)
{
    public bool Succeeded => Status is HttpStatusCode.OK or HttpStatusCode.Created;

    /// <summary>The refusing rule of a problem, if any.</summary>
    public string? Rule => Body?["rule"]?.GetValue<string>();

    /// <summary>A 503 problem's <c>applied</c>: <c>no</c> or <c>unknown</c>.</summary>
    public string? Applied => Body?["applied"]?.GetValue<string>();

    public bool IsServiceUnavailable => Status == HttpStatusCode.ServiceUnavailable;

    public override string ToString() =>
        $"{Method} {Path} → {(Status is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : TransportError)}"
        + (Rule is { } rule ? $" rule={rule}" : "") + (Applied is { } applied ? $" applied={applied}" : "")
        + (Status is { } && !Succeeded ? $" {Body?["detail"]}" : "");
}
