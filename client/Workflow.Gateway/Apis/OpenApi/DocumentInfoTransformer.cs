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
        ["Tasks"] = "An officer's worklist: the steps on their department's desk (in their county), received, in progress or suspended, oldest due first.",
        ["Land problems"] = "Land problems (涉土问题) on a project: recorded by its liaison, assigned to a department, followed and resolved, each in the project's history; leaders' open problems per county.",
        ["Campaigns"] = "Campaigns (双月攻坚): a push over projects or steps for a window against a target, opened by leaders, with week-by-week progress.",
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
