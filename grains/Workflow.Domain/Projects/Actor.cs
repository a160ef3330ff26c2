namespace Workflow.Domain;

/// <summary>Who acts, with the claims that decide what they may see and do.</summary>
public sealed record Actor(string Id, string Role, string? Uscc = null, string? Department = null, string? County = null)
{
    /// <summary>The platform itself: deadlines, automatic skips, quota follow-ups.</summary>
    public static Actor System { get; } = new("system", Roles.System);

    public bool IsAdmin => Role == Roles.Admin;
    public bool IsLeader => Role == Roles.Leader;
    public bool IsOfficer => Role == Roles.Officer;
    public bool IsEnterprise => Role == Roles.Enterprise;
    public bool IsLiaison => Role == Roles.Liaison;
    public bool IsSystem => Role == Roles.System;
}
