namespace Workflow.Domain;

/// <summary>
/// The steps one officer works (their desk): the steps of their department in the projects they may see. It is the rule
/// project acts apply (<see cref="AccessPolicy"/> for the project, then the step's department), written once more as
/// constraints so the worklist filters by exactly what its reader may act on.
/// </summary>
public sealed record DeskScope(string Department, string? County)
{
    /// <summary>The desk of <paramref name="actor"/>; null for anyone who works no step (not an officer, or no department).</summary>
    public static DeskScope? Of(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsOfficer && !string.IsNullOrEmpty(actor.Department) && AccessPolicy.ScopeOf(actor) is { } projects
            ? new DeskScope(actor.Department, projects.County)
            : null;
    }

    /// <summary>Whether a step of <paramref name="department"/> in a project of <paramref name="county"/> is on this desk.</summary>
    public bool Admits(string department, string county) =>
        Department == department && (County is null || County == county);
}
