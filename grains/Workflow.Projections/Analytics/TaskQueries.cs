using System.Data.Common;
using System.Globalization;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Projections;

/// <summary>One open visit on an officer's desk, with its project's name, template and liaison.</summary>
public sealed record TaskRow(
    string Code, string? Name, string County, string Step, string Department, string State, string Light,
    DateTimeOffset ReceivedAt, DateTimeOffset? DueAt, string TemplateId, int TemplateVersion, string? Liaison);

/// <summary>A worklist query within a desk: state and light (null: any), step key, and text in the code or name.</summary>
public sealed record TaskFilter(DeskScope Desk, string? State, string? Step, string? Light, string? Text);

/// <summary>
/// The officer's worklist over the analytics read model (portable SQL): open visits of live projects on one desk, oldest
/// due first (no limit last), and the counts per state and light.
/// </summary>
public sealed class TaskQueries(IReadModelDatabase database)
{
    private const string OpenStates = "('received', 'in-progress', 'suspended')";
    private const string LiveProjects = "('active', 'approved')";

    public async Task<(IReadOnlyList<TaskRow> Items, int Total)> PageAsync(TaskFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (from, parameters) = From(filter, withStateAndLight: true);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var total = await ReadModelSql.ScalarAsync<long>(connection, null, $"SELECT count(*) {from}", cancellationToken, [.. parameters]).ConfigureAwait(false);
        var offset = ((long)page - 1) * pageSize;
        var sql = string.Create(CultureInfo.InvariantCulture, $"""
            SELECT v.code, p.name, v.county, v.step, v.department, v.state, v.light, v.received_at, v.due_at, p.template_id, p.template_version, p.liaison
            {from}
            ORDER BY CASE WHEN v.due_at IS NULL THEN 1 ELSE 0 END, v.due_at, v.received_at, v.code, v.step
            LIMIT {pageSize} OFFSET {offset}
            """);
        var items = await ReadModelSql.QueryAsync(connection, null, sql, Row, cancellationToken, [.. parameters]).ConfigureAwait(false);
        return (items, (int)total);
    }

    /// <summary>Open visits per state and light under the filter's step and text (its state and light left out).</summary>
    public async Task<IReadOnlyList<(string State, string Light, long Count)>> CountsAsync(TaskFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (from, parameters) = From(filter, withStateAndLight: false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadModelSql.QueryAsync(
            connection, null, $"SELECT v.state, v.light, count(*) {from} GROUP BY v.state, v.light",
            r => (r.GetString(0), r.GetString(1), r.GetInt64(2)), cancellationToken, [.. parameters]).ConfigureAwait(false);
    }

    private static (string From, List<(string Name, object? Value)> Parameters) From(TaskFilter filter, bool withStateAndLight)
    {
        var where = $" AND v.department = @department";
        var parameters = new List<(string Name, object? Value)> { ("@department", filter.Desk.Department) };
        void Add(string column, string name, string? value)
        {
            if (value is not null)
            {
                where += $" AND {column} = {name}";
                parameters.Add((name, value));
            }
        }

        Add("v.county", "@county", filter.Desk.County);
        Add("v.step", "@step", filter.Step);
        if (withStateAndLight)
        {
            Add("v.state", "@state", filter.State);
            Add("v.light", "@light", filter.Light);
        }

        if (filter.Text is { } text)
        {
            // LIKE with its wildcards escaped, so a typed % or _ matches itself; lower() on both sides, as SQLite's LIKE
            // ignores ASCII case and PostgreSQL's does not.
            where += @" AND (lower(v.code) LIKE @text ESCAPE '\' OR lower(coalesce(p.name, '')) LIKE @text ESCAPE '\')";
            var escaped = text.ToLowerInvariant().Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
            parameters.Add(("@text", "%" + escaped + "%"));
        }

        return ($"FROM analytics_visits v JOIN analytics_projects p ON p.code = v.code WHERE v.state IN {OpenStates} AND p.state IN {LiveProjects}{where}", parameters);
    }

    private static TaskRow Row(DbDataReader r) => new(
        r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
        new DateTimeOffset(r.GetInt64(7), TimeSpan.Zero), r.IsDBNull(8) ? null : new DateTimeOffset(r.GetInt64(8), TimeSpan.Zero),
        r.GetString(9), Convert.ToInt32(r.GetValue(10), CultureInfo.InvariantCulture), r.IsDBNull(11) ? null : r.GetString(11));
}
