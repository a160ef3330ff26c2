namespace Workflow.Cluster.Tests;

/// <summary>How an act ended for the load, after whatever repeats the 503s asked for.</summary>
internal enum ActOutcome
{
    /// <summary>Answered 200/201: the gateway acknowledged it; it must be in the project's history, once.</summary>
    Acknowledged,

    /// <summary>A 503 said it might have applied, and the repeat was refused because it had: it must be in the history.</summary>
    LandedUnanswered,

    /// <summary>Refused by a rule the load expects (a reservation the county's quota cannot cover).</summary>
    Refused,

    /// <summary>Anything else: an answer no client may get (500, a 503 without Retry-After, no answer, an unexpected refusal).</summary>
    Failed,
}

internal sealed record ActRecord(ProjectPlan Project, PlannedAct Act, ActOutcome Outcome, IReadOnlyList<GatewayAnswer> Answers, string? Problem)
{
    /// <summary>Whether a 503 answered that the act might have applied: then a repeated document may appear twice.</summary>
    public bool HadUnknownOutcome => Answers.Any(a => a.IsServiceUnavailable && a.Applied == "unknown");
}
