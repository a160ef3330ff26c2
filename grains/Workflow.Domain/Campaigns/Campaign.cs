namespace Workflow.Domain;

/// <summary>A campaign (双月攻坚): a push over a set of projects, or over some steps of a procedure (optionally in some
/// counties), for a window of days, against a target: a number of step completions or an on-time completion rate.</summary>
public sealed class Campaign
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";

    /// <summary>The window's first and last days (China dates), both included.</summary>
    public DateOnly First { get; set; }

    public DateOnly Last { get; set; }

    public CampaignScope Scope { get; set; } = CampaignScope.Empty;
    public CampaignTarget Target { get; set; } = new(CampaignTargets.Completions, 1, null);
    public string OpenedBy { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>Days in the window (at least 1).</summary>
    public int Days => Last.DayNumber - First.DayNumber + 1;
}

/// <summary>What a campaign counts: completions of any step of <see cref="Projects"/>, or completions of
/// <see cref="Steps"/> of <see cref="Procedure"/>'s projects, in <see cref="Counties"/> when some are named.</summary>
public sealed record CampaignScope(IReadOnlyList<string> Projects, string? Procedure, IReadOnlyList<string> Steps, IReadOnlyList<string> Counties)
{
    public static CampaignScope Empty { get; } = new([], null, [], []);

    public bool IsProjects => Projects.Count > 0;
}

/// <summary>Either <see cref="Completions"/> (kind <c>completions</c>) or <see cref="Rate"/> (kind <c>on-time-rate</c>).</summary>
public sealed record CampaignTarget(string Kind, int? Completions, double? Rate);

public static class CampaignTargets
{
    public const string Completions = "completions";
    public const string OnTimeRate = "on-time-rate";
}

/// <summary>A week's or the whole campaign's standing.</summary>
public static class CampaignVerdicts
{
    /// <summary>Not begun, or (a rate target) nothing judged yet.</summary>
    public const string Pending = "pending";

    public const string OnTrack = "on-track";
    public const string Behind = "behind";
    public const string Met = "met";
    public const string Missed = "missed";
}

public sealed record CampaignDraft(string Title, DateOnly First, DateOnly Last, CampaignScope Scope, CampaignTarget Target);
