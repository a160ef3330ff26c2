using Npgsql;

namespace Workflow.Storage.Postgres;

/// <summary>The SQL of a <see cref="ProjectQuery"/>: each given field AND-ed, each served by an index.</summary>
internal sealed class ProjectFilter
{
    // Listed, never p.*: a prepared statement whose result columns change after a migration fails.
    private const string ProjectColumns =
        "p.code, p.name, p.county, p.owner_uscc, p.liaison, p.state, p.light, " +
        "p.registered_utc_ticks, p.registered_offset_minutes, p.updated_utc_ticks, p.updated_offset_minutes";

    private const string PageColumns =
        "page.code, page.name, page.county, page.owner_uscc, page.liaison, page.state, page.light, " +
        "page.registered_utc_ticks, page.registered_offset_minutes, page.updated_utc_ticks, page.updated_offset_minutes";

    private readonly List<string> projectConditions = [];
    private readonly List<string> values = [];
    private readonly string? stepParameter;

    public ProjectFilter(ProjectQuery query)
    {
        // The step's parameter is numbered first so the step-only count can use it alone.
        if (query.Step is { } step)
        {
            stepParameter = Parameter(step);
        }

        Add("p.county", query.County);
        Add("p.state", query.State);
        Add("p.light", query.Light);
        Add("p.liaison", query.Liaison);
        Add("p.owner_uscc", query.OwnerUscc);
    }

    /// <summary>
    /// The total and one page, in one statement so both come from one snapshot and agree. The
    /// total is a one-row subquery that the page is left-joined to, so a page past the end still
    /// returns the total (in a row with no project). A step alone is counted from the step index
    /// without visiting projects; every open-step row has its project (foreign key), so the numbers
    /// agree. The page is read in code order from the (filter, code) index of one filter, and LIMIT
    /// stops it early; open steps come with each row, in their stored order.
    /// </summary>
    public string Sql()
    {
        // The page's limit and offset follow the filter values; see Bind.
        var limitParameter = "$" + (values.Count + 1);
        var offsetParameter = "$" + (values.Count + 2);
        var count = StepOnly
            ? $"SELECT count(*) AS total FROM project_open_steps s WHERE s.step = {stepParameter}"
            : $"SELECT count(*) AS total FROM {From}{Where}";
        return $"""
            SELECT t.total, {PageColumns},
                ARRAY(SELECT o.step FROM project_open_steps o WHERE o.code = page.code ORDER BY o.position) AS open_steps
            FROM ({count}) AS t
            LEFT JOIN LATERAL (
                SELECT {ProjectColumns}
                FROM {From}{Where}
                ORDER BY {(StepOnly ? "s.code" : "p.code")}
                LIMIT {limitParameter} OFFSET {offsetParameter}
            ) AS page ON true
            ORDER BY page.code
            """;
    }

    public void Bind(NpgsqlCommand command, int limit, long offset)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        }

        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = offset });
    }

    private bool StepOnly => stepParameter is not null && projectConditions.Count == 0;

    private string From => stepParameter is null ? "projects p" : "project_open_steps s JOIN projects p ON p.code = s.code";

    private string Where
    {
        get
        {
            var conditions = stepParameter is null ? projectConditions : [$"s.step = {stepParameter}", .. projectConditions];
            return conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        }
    }

    private void Add(string column, string? value)
    {
        if (value is not null)
        {
            projectConditions.Add($"{column} = {Parameter(value)}");
        }
    }

    private string Parameter(string value)
    {
        values.Add(value);
        return "$" + values.Count;
    }
}
