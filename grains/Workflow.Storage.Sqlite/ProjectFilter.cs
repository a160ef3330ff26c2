using Microsoft.Data.Sqlite;

namespace Workflow.Storage.Sqlite;

/// <summary>The SQL of a <see cref="ProjectQuery"/>: each given field AND-ed, each served by an index.</summary>
internal sealed class ProjectFilter
{
    private const string StepJoin = "project_open_steps s JOIN projects p ON p.code = s.code";

    private readonly List<string> projectConditions = [];
    private readonly List<(string Name, string Value)> parameters = [];
    private readonly string? step;

    public ProjectFilter(ProjectQuery query)
    {
        Add("p.county = $county", "$county", query.County);
        Add("p.state = $state", "$state", query.State);
        Add("p.light = $light", "$light", query.Light);
        Add("p.liaison = $liaison", "$liaison", query.Liaison);
        Add("p.owner_uscc = $owner_uscc", "$owner_uscc", query.OwnerUscc);
        step = query.Step;
        if (step is not null)
        {
            parameters.Add(("$step", step));
        }
    }

    /// <summary>
    /// Counts the matches. A step alone is counted from the step index without visiting projects:
    /// every open-step row has its project (foreign key), so the numbers agree.
    /// </summary>
    public string CountSql => StepOnly
        ? "SELECT count(*) FROM project_open_steps s WHERE s.step = $step;"
        : $"SELECT count(*) FROM {From}{Where};";

    /// <summary>
    /// One page in code order. A project has a step at most once, so the join adds no duplicates.
    /// For a step alone the order is spelled s.code (equal to p.code): the step index is (step, code),
    /// so the planner reads it in order and stops after the page instead of sorting every match.
    /// With other filters too, p.code lets the planner start from a project index instead.
    /// </summary>
    public string PageSql(string columns) =>
        $"SELECT {columns} FROM {From}{Where} ORDER BY {(StepOnly ? "s.code" : "p.code")} LIMIT $limit OFFSET $offset;";

    private bool StepOnly => step is not null && projectConditions.Count == 0;

    private string From => step is null ? "projects p" : StepJoin;

    private string Where
    {
        get
        {
            var conditions = step is null ? projectConditions : ["s.step = $step", .. projectConditions];
            return conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        }
    }

    public void Bind(SqliteCommand command)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }

    private void Add(string condition, string parameter, string? value)
    {
        if (value is null)
        {
            return;
        }

        projectConditions.Add(condition);
        parameters.Add((parameter, value));
    }
}
