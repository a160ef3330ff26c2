namespace Workflow.Domain;

/// <summary>The filters of a project list (API.md), checked before any index is asked.</summary>
public static class ProjectListFilter
{
    public const int MaxPageSize = 200;

    private static readonly string[] States = ["active", "approved", "completed", "rejected", "withdrawn"];

    private static readonly string[] Lights = ["green", "yellow", "red"];

    public static Refusal? Check(string? county, string? state, string? light, int page, int pageSize)
    {
        var problems = new List<string>();
        if (county is not null && !Counties.IsKnown(county))
        {
            problems.Add($"county: unknown county '{county}'.");
        }

        if (state is not null && !States.Contains(state))
        {
            problems.Add($"state: expected {string.Join(", ", States)}.");
        }

        if (light is not null && !Lights.Contains(light))
        {
            problems.Add($"light: expected {string.Join(", ", Lights)}.");
        }

        if (page < 1)
        {
            problems.Add("page: pages start at 1.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            problems.Add($"pageSize: page size runs from 1 to {MaxPageSize}.");
        }

        return problems.Count == 0 ? null : Refusal.Invalid(Rules.InvalidListFilter, string.Join(" ", problems));
    }
}
