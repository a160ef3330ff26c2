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
}

public static class Roles
{
    public const string Enterprise = "enterprise";
    public const string Liaison = "liaison";
    public const string Officer = "officer";
    public const string Leader = "leader";
    public const string Admin = "admin";
    public const string System = "system";

    public static IReadOnlyList<string> All { get; } = [Enterprise, Liaison, Officer, Leader, Admin];
}

/// <summary>Who may see a project: anyone else gets "not found", as if it did not exist.</summary>
public static class AccessPolicy
{
    public static bool CanSee(Actor actor, string county, string ownerUscc, string? liaison) => actor.Role switch
    {
        Roles.Admin or Roles.Leader or Roles.System => true,
        Roles.Enterprise => actor.Uscc is not null && actor.Uscc == ownerUscc,
        Roles.Liaison => liaison is not null && liaison == actor.Id,
        Roles.Officer => actor.County is null || actor.County == county,
        _ => false,
    };

    public static bool CanSee(Actor actor, ProjectState project) =>
        CanSee(actor, project.County, project.OwnerUscc, project.Liaison);
}
