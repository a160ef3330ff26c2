using System.Text.Json.Nodes;

namespace Workflow.Domain;

/// <summary>One entry of a project's history: who, when, what, why. Never rewritten.</summary>
public sealed record ProjectEvent(
    long Seq,
    DateTimeOffset At,
    string Actor,
    string Kind,
    string? Step,
    string? Reason,
    JsonObject? Facts);

/// <summary>The kinds of history entries.</summary>
public static class EventKinds
{
    public const string Registered = "registered";
    public const string Start = "start";
    public const string Suspend = "suspend";
    public const string Resume = "resume";
    public const string Complete = "complete";
    public const string Reject = "reject";
    public const string Reserve = "reserve";
    public const string Skipped = "skipped";
    public const string Light = "light";
    public const string DocumentSubmitted = "document";
    public const string Withdrawn = "withdraw";
    public const string LiaisonAssigned = "liaison";
    public const string QuotaConsumed = "quota-consumed";
    public const string QuotaReleased = "quota-released";

    /// <summary>A done step sent round again by a later one (the plan revised after a hearing).</summary>
    public const string Reopened = "reopened";
}
