namespace Workflow.Domain;

/// <summary>
/// The projects one caller may see, as constraints on a project's county, owner and liaison (null: any). Both a
/// single read (<see cref="Admits"/>) and a list (<see cref="Narrow"/>) use it, so visibility has one definition.
/// </summary>
public sealed record ProjectScope(string? County, string? OwnerUscc, string? Liaison)
{
    public static ProjectScope Everything { get; } = new(null, null, null);

    public bool Admits(string county, string ownerUscc, string? liaison) =>
        (County is null || County == county)
        && (OwnerUscc is null || OwnerUscc == ownerUscc)
        && (Liaison is null || Liaison == liaison);

    /// <summary>This scope further narrowed by a list's filters; null when the filters ask for what lies outside it.</summary>
    public ProjectScope? Narrow(string? county, string? liaison)
    {
        if ((County is not null && county is not null && county != County)
            || (Liaison is not null && liaison is not null && liaison != Liaison))
        {
            return null;
        }

        return new ProjectScope(County ?? county, OwnerUscc, Liaison ?? liaison);
    }
}

/// <summary>Who may see a project: anyone else gets "not found", as if it did not exist.</summary>
public static class AccessPolicy
{
    /// <summary>What <paramref name="actor"/> may see; null when nothing.</summary>
    public static ProjectScope? ScopeOf(Actor actor) => actor.Role switch
    {
        Roles.Admin or Roles.Leader or Roles.System => ProjectScope.Everything,
        Roles.Enterprise when actor.Uscc is not null => new ProjectScope(null, actor.Uscc, null),
        Roles.Liaison => new ProjectScope(null, null, actor.Id),
        Roles.Officer => new ProjectScope(actor.County, null, null),
        _ => null,
    };

    public static bool CanSee(Actor actor, string county, string ownerUscc, string? liaison) =>
        ScopeOf(actor)?.Admits(county, ownerUscc, liaison) == true;

    public static bool CanSee(Actor actor, ProjectState project) =>
        CanSee(actor, project.County, project.OwnerUscc, project.Liaison);
}
