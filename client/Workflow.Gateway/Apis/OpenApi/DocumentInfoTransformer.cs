using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Workflow.Gateway;

/// <summary>The document's title, description, licence, tag descriptions and server address.</summary>
internal sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Identity"] = "Who the caller is.",
        ["Projects"] = "Land acquisition projects: registration, status, lists, step acts, history, documents, withdrawal, liaison.",
        ["Farmland quota"] = "The counties' farmland balance quota pools: read by staff, stocked and transferred by administrators.",
        ["Administration"] = "Administrators' tools: history verification and the Orleans dashboard's session.",
        ["Dashboard"] = "What leaders read: bottlenecks by step, county and department, the heatmap, the projects behind a cell, trends, the weekly bulletin (JSON, A4 HTML, Excel).",
        ["Inbox"] = "Everyone's notices (a step turned yellow or red, a chase): the inbox, read marks and the live event stream.",
        ["Inspections"] = "Execution inspections (执行力检查): findings against a unit with lit rectification deadlines, opened by leaders, rectified by the unit's officers.",
        ["Development"] = "Embedded host on loopback only: demo users, their tokens and the movable clock. Absent elsewhere (404).",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "LandFlow API";
        document.Info.Description = "The land bureau's workflow platform. Every error is an RFC 7807 problem (`application/problem+json`) "
            + "with a `rule` when a named rule refused the request; a refused request changes nothing. docs/api.md is the prose contract.";
        document.Info.License = new OpenApiLicense { Name = "Proprietary: the land bureau's; not for redistribution" };

        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        // The address the request reached (behind a proxy, the proxy's), without the trailing slash clients would double.
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        return Task.CompletedTask;
    }
}
