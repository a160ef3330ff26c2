using System.Data.Common;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Projections;

/// <summary>Open visits now, by step, county, department, state and light.</summary>
public sealed record OpenVisitCount(string Step, string County, string Department, string State, string Light, long Count);

/// <summary>One bar of a dwell histogram: <see cref="Visits"/> visits completed in <see cref="Week"/> took <see cref="Days"/>
/// working days in <see cref="Phase"/>; <see cref="OnTime"/> 1, 0, or -1 without a limit. <see cref="Week"/> is
/// <see cref="EveryWeek"/> for a bar summed over all weeks.</summary>
public sealed record DwellCount(string Step, string County, string Department, string Week, int OnTime, string Phase, int Days, long Visits)
{
    public const string EveryWeek = "";
}

public sealed record RedTurnCount(string Step, string County, string Department, string Week, long Turns);

/// <summary>One visit with its project, for drill-down and the bulletin's red items.</summary>
public sealed record VisitItem(
    string Code, string? Name, string County, string Step, string Department, string State, string Light,
    DateTimeOffset ReceivedAt, DateTimeOffset? DueAt, string? Liaison);

/// <summary>What a request narrows the figures to, besides the caller's scope.</summary>
public sealed record AnalyticsFilter(DashboardScope Scope, string? Procedure);

/// <summary>The queries the dashboard and the bulletin run on the analytics read model (portable SQL).</summary>
public sealed class DashboardQueries(IReadModelDatabase database)
{
    private const string OpenStates = "('received', 'in-progress', 'suspended')";
    private const string LiveProjects = "('active', 'approved')";

    /// <summary>From the summary the projection keeps (<c>analytics_open</c>); for a liaison (whose projects it does not
    /// key) counted from their visits.</summary>
    public async Task<IReadOnlyList<OpenVisitCount>> OpenAsync(AnalyticsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Scope.Liaison is null)
        {
            var (summaryWhere, summaryParameters) = Where(filter, "");
            return await ReadAsync(
                $"""
                SELECT step, county, department, state, light, sum(visits)
                FROM analytics_open WHERE visits > 0{summaryWhere}
                GROUP BY step, county, department, state, light
                """,
                summaryParameters, OpenCount, cancellationToken).ConfigureAwait(false);
        }

        var (where, parameters) = Where(filter, "v.");
        var sql = $"""
            SELECT v.step, v.county, v.department, v.state, v.light, count(*)
            FROM analytics_visits v JOIN analytics_projects p ON p.code = v.code
            WHERE v.state IN {OpenStates} AND p.state IN {LiveProjects}{where}
            GROUP BY v.step, v.county, v.department, v.state, v.light
            """;
        return await ReadAsync(sql, parameters, OpenCount, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The dwell histograms, from the pre-aggregated tables; for a liaison (whose projects the histograms do not
    /// key) the same bars counted from their visits. <paramref name="weeks"/> null: every week, summed (the bars'
    /// week is <see cref="DwellCount.EveryWeek"/>), read from <c>analytics_dwell_totals</c>.</summary>
    public async Task<IReadOnlyList<DwellCount>> DwellAsync(AnalyticsFilter filter, IReadOnlyCollection<string>? weeks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        string sql;
        List<(string, object?)> parameters;
        if (filter.Scope.Liaison is null && weeks is null)
        {
            var (where, p) = Where(filter, "");
            sql = $"""
                SELECT step, county, department, '{DwellCount.EveryWeek}', on_time, phase, days, sum(visits)
                FROM analytics_dwell_totals WHERE 1 = 1{where}
                GROUP BY step, county, department, on_time, phase, days
                """;
            parameters = p;
        }
        else if (filter.Scope.Liaison is null)
        {
            var (where, p) = Where(filter, "");
            var weekClause = WeekClause(weeks, "week", p);
            sql = $"""
                SELECT step, county, department, week, on_time, phase, days, sum(visits)
                FROM analytics_dwell WHERE 1 = 1{where}{weekClause}
                GROUP BY step, county, department, week, on_time, phase, days
                """;
            parameters = p;
        }
        else
        {
            var (where, p) = Where(filter, "v.");
            var weekClause = WeekClause(weeks, "v.done_week", p);
            var from = $"FROM analytics_visits v JOIN analytics_projects p ON p.code = v.code WHERE v.state = 'done'{where}{weekClause}";
            string Phase(string phase, string days) =>
                $"SELECT v.step, v.county, v.department, v.done_week, coalesce(v.on_time, -1), '{phase}', {days}, count(*) {from} GROUP BY v.step, v.county, v.department, v.done_week, coalesce(v.on_time, -1), {days}";
            sql = string.Join(" UNION ALL ", Phase(AnalyticsSchema.Phases.Wait, "v.wait_days"), Phase(AnalyticsSchema.Phases.Work, "v.work_days"), Phase(AnalyticsSchema.Phases.Total, "(v.wait_days + v.work_days)"));
            parameters = p;
        }

        return await ReadAsync(sql, parameters, r => new DwellCount(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Convert.ToInt32(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture), r.GetString(5), Convert.ToInt32(r.GetValue(6), System.Globalization.CultureInfo.InvariantCulture), r.GetInt64(7)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RedTurnCount>> RedTurnsAsync(AnalyticsFilter filter, IReadOnlyCollection<string> weeks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Scope.Liaison is not null)
        {
            return [];
        }

        var (where, p) = Where(filter, "");
        var weekClause = WeekClause(weeks, "week", p);
        var sql = $"SELECT step, county, department, week, sum(turns) FROM analytics_red_turns WHERE 1 = 1{where}{weekClause} GROUP BY step, county, department, week";
        return await ReadAsync(sql, p, r => new RedTurnCount(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Open visits to <paramref name="step"/> (optionally of one county, light and state), oldest received first.</summary>
    public async Task<(IReadOnlyList<VisitItem> Items, int Total)> CellAsync(
        AnalyticsFilter filter, string step, string? light, string? state, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var (where, p) = Where(filter, "v.");
        p.Add(("@step", step));
        var clause = $" AND v.step = @step";
        if (light is not null)
        {
            clause += " AND v.light = @light";
            p.Add(("@light", light));
        }

        clause += state is null ? $" AND v.state IN {OpenStates}" : " AND v.state = @state";
        if (state is not null)
        {
            p.Add(("@state", state));
        }

        var from = $"FROM analytics_visits v JOIN analytics_projects p ON p.code = v.code WHERE p.state IN {LiveProjects}{where}{clause}";
        var total = await ReadAsync($"SELECT count(*) {from}", p, r => r.GetInt64(0), cancellationToken).ConfigureAwait(false);
        var items = await ReadAsync(
            $"SELECT v.code, p.name, v.county, v.step, v.department, v.state, v.light, v.received_at, v.due_at, p.liaison {from} ORDER BY v.received_at, v.code LIMIT {pageSize} OFFSET {(page - 1) * pageSize}",
            p, Item, cancellationToken).ConfigureAwait(false);
        return (items, (int)total[0]);
    }

    /// <summary>Visits open at <paramref name="at"/> whose limit had run out by then (red at that instant).</summary>
    public async Task<IReadOnlyList<VisitItem>> RedAtAsync(AnalyticsFilter filter, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var (where, p) = Where(filter, "v.");
        p.Add(("@at", at.UtcTicks));
        var sql = $"""
            SELECT v.code, p.name, v.county, v.step, v.department, v.state, v.light, v.received_at, v.due_at, p.liaison
            FROM analytics_visits v JOIN analytics_projects p ON p.code = v.code
            WHERE v.received_at < @at AND (v.done_at IS NULL OR v.done_at >= @at) AND v.due_at <= @at
              AND v.state <> 'skipped' AND (p.closed_at IS NULL OR p.closed_at >= @at){where}
            ORDER BY v.due_at, v.code
            """;
        return await ReadAsync(sql, p, Item, cancellationToken).ConfigureAwait(false);
    }

    private static OpenVisitCount OpenCount(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5));

    private static VisitItem Item(DbDataReader r) => new(
        r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
        new DateTimeOffset(r.GetInt64(7), TimeSpan.Zero), r.IsDBNull(8) ? null : new DateTimeOffset(r.GetInt64(8), TimeSpan.Zero), r.IsDBNull(9) ? null : r.GetString(9));

    private static (string Where, List<(string, object?)> Parameters) Where(AnalyticsFilter filter, string alias)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var where = "";
        var parameters = new List<(string, object?)>();
        void Add(string column, string name, string? value)
        {
            if (value is not null)
            {
                where += $" AND {column} = {name}";
                parameters.Add((name, value));
            }
        }

        Add(alias + "county", "@county", filter.Scope.County);
        Add(alias + "department", "@department", filter.Scope.Department);
        Add(alias + "procedure", "@procedure", filter.Procedure);
        Add("p.liaison", "@liaison", filter.Scope.Liaison);
        return (where, parameters);
    }

    private static string WeekClause(IReadOnlyCollection<string>? weeks, string column, List<(string, object?)> parameters)
    {
        if (weeks is null)
        {
            return "";
        }

        if (weeks.Count == 0)
        {
            return " AND 1 = 0";
        }

        var names = weeks.Select((week, i) => { parameters.Add(($"@w{i}", week)); return $"@w{i}"; }).ToList();
        return $" AND {column} IN ({string.Join(", ", names)})";
    }

    private async Task<List<T>> ReadAsync<T>(string sql, List<(string, object?)> parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlRows.Command(connection, null, sql, [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
