namespace Workflow.Domain;

/// <summary>
/// Which open land problems (涉土问题) one caller may list across projects, as constraints (null: any): leaders and
/// administrators every county's; an officer those assigned to their department (in their county, when their claims
/// name one); a liaison those of the projects they liaise; an enterprise none (its projects' own pages show theirs).
/// </summary>
public sealed record LandProblemScope(string? County, string? Department, string? Liaison)
{
    public static LandProblemScope Everything { get; } = new(null, null, null);

    /// <summary>The scope of <paramref name="actor"/>; null when they may list none.</summary>
    public static LandProblemScope? Of(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role switch
        {
            Roles.Admin or Roles.Leader or Roles.System => Everything,
            Roles.Officer when !string.IsNullOrEmpty(actor.Department) => new LandProblemScope(actor.County, actor.Department, null),
            Roles.Liaison => new LandProblemScope(null, null, actor.Id),
            _ => null,
        };
    }

    /// <summary>This scope narrowed to <paramref name="county"/>; null when the county lies outside it.</summary>
    public LandProblemScope? Narrow(string? county) =>
        County is not null && county is not null && county != County ? null : this with { County = County ?? county };
}
