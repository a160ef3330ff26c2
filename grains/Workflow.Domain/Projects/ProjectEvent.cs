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

    /// <summary>A received step's acceptance window passed in silence: accepted on receipt (行政许可法 第三十二条).</summary>
    public const string AcceptedOnReceipt = "accepted-on-receipt";

    /// <summary>The one statutory extension of a step's limit (行政许可法 第四十二条).</summary>
    public const string Extend = "extend";
    public const string DocumentSubmitted = "document";
    public const string Withdrawn = "withdraw";
    public const string LiaisonAssigned = "liaison";
    public const string QuotaConsumed = "quota-consumed";
    public const string QuotaReleased = "quota-released";

    /// <summary>A done step sent round again by a later one (the plan revised after a hearing).</summary>
    public const string Reopened = "reopened";

    /// <summary>A liaison or leader chased (催办) an open step: its department is told.</summary>
    public const string Chase = "chase";

    /// <summary>A land problem (涉土问题) recorded on the project: facts <c>problem</c> (its number), <c>title</c>, <c>county</c>.</summary>
    public const string ProblemRecorded = "problem-recorded";

    /// <summary>A land problem assigned to a department (facts <c>department</c>, <c>previous</c>): its officers in the county are told.</summary>
    public const string ProblemAssigned = "problem-assigned";

    /// <summary>A note on a land problem's progress.</summary>
    public const string ProblemFollowed = "problem-followed";

    /// <summary>A land problem resolved, with a note: the liaison is told when someone else resolved it.</summary>
    public const string ProblemResolved = "problem-resolved";
}
