namespace Workflow.Domain;

/// <summary>
/// What part of the analytics one caller may read, as constraints (null: any): leaders, administrators and the platform
/// read everything; an officer reads their county (and, with a department, that department's steps); a liaison reads the
/// projects they liaise; an enterprise reads no figures (its own projects are on its desk).
/// </summary>
public sealed record DashboardScope(string? County, string? Department, string? Liaison)
{
    public static DashboardScope Everything { get; } = new(null, null, null);

    /// <summary>The scope of <paramref name="actor"/>; null when they may read no figures.</summary>
    public static DashboardScope? Of(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role switch
        {
            Roles.Admin or Roles.Leader or Roles.System => Everything,
            Roles.Officer when actor.County is not null => new DashboardScope(actor.County, actor.Department, null),
            Roles.Liaison => new DashboardScope(null, null, actor.Id),
            _ => null,
        };
    }

    /// <summary>This scope narrowed by a request's filters; null when a filter asks for what lies outside it.</summary>
    public DashboardScope? Narrow(string? county, string? department)
    {
        if ((County is not null && county is not null && county != County)
            || (Department is not null && department is not null && department != Department))
        {
            return null;
        }

        return this with { County = County ?? county, Department = Department ?? department };
    }
}
