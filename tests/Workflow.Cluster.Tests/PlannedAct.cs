using System.Text.Json.Nodes;

namespace Workflow.Cluster.Tests;

/// <summary>One act of a project's plan: the request, and how its entry in the project's history is recognised.
/// Acts with a reason carry a unique one, so the history shows exactly whether, and how often, each was applied.</summary>
internal sealed record PlannedAct(string Name, string User, string Path, JsonObject? Body, string Kind, string? Step, string? Reason, string? DocumentKey)
{
    public bool IsReserve => Kind == "reserve";
}
