using System.Data.Common;
using Workflow.Domain;

namespace Workflow.Projections;

/// <summary>One open land problem as the read model holds it.</summary>
public sealed record OpenLandProblemRow(
    string ProjectCode,
    string? ProjectName,
    string County,
    int Id,
    string Title,
    string? Step,
    string? Department,
    string? Liaison,
    DateTimeOffset RecordedAt,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? LastNoteAt);

/// <summary>The open land problems a scope admits, oldest first. Portable SQL, like the projection.</summary>
public static class LandProblemQueries
{
    /// <summary>The most rows one read answers: a leader's page, not an export.</summary>
    public const int MaxRows = 500;

    /// <summary>On SQLite, the table, should the projection not have run yet (PostgreSQL's comes from the migration).</summary>
    public static async Task EnsureSchemaAsync(DbConnection connection, Storage.SqlDialect dialect, CancellationToken cancellationToken)
    {
        if (dialect == Storage.SqlDialect.Sqlite)
        {
            await ReadModelSql.ExecuteAsync(connection, null, LandProblemsSchema.Ddl, cancellationToken);
        }
    }

    public static Task<IReadOnlyList<OpenLandProblemRow>> OpenAsync(DbConnection connection, LandProblemScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var (where, parameters) = Where(scope);
        parameters.Add(("@limit", (long)MaxRows));
        var sql = $"""
            SELECT project_code, project_name, county, problem_id, title, step, department, liaison, recorded_at, assigned_at, last_note_at
            FROM land_problems WHERE {where} ORDER BY recorded_at, project_code, problem_id LIMIT @limit
            """;
        return ReadModelSql.QueryAsync(connection, null, sql, Row, cancellationToken, [.. parameters]);
    }

    /// <summary>How many open land problems each county in the scope has (all of them, not only the first page's).</summary>
    public static async Task<IReadOnlyDictionary<string, int>> CountPerCountyAsync(DbConnection connection, LandProblemScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var (where, parameters) = Where(scope);
        var rows = await ReadModelSql.QueryAsync(connection, null, $"SELECT county, COUNT(*) FROM land_problems WHERE {where} GROUP BY county",
            r => (County: r.GetString(0), Count: Convert.ToInt32(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)),
            cancellationToken, [.. parameters]);
        return rows.ToDictionary(r => r.County, r => r.Count, StringComparer.Ordinal);
    }

    private static (string Where, List<(string, object?)> Parameters) Where(LandProblemScope scope)
    {
        var parameters = new List<(string, object?)>();
        var where = "state = 'open'";
        if (scope.County is { } county)
        {
            where += " AND county = @county";
            parameters.Add(("@county", county));
        }

        if (scope.Department is { } department)
        {
            where += " AND department = @department";
            parameters.Add(("@department", department));
        }

        if (scope.Liaison is { } liaison)
        {
            where += " AND liaison = @liaison";
            parameters.Add(("@liaison", liaison));
        }

        return (where, parameters);
    }

    private static OpenLandProblemRow Row(DbDataReader r) => new(
        r.GetString(0),
        r.IsDBNull(1) ? null : r.GetString(1),
        r.GetString(2),
        Convert.ToInt32(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture),
        r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6),
        r.IsDBNull(7) ? null : r.GetString(7),
        Ticks(r, 8)!.Value,
        Ticks(r, 9),
        Ticks(r, 10));

    private static DateTimeOffset? Ticks(DbDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? null : new DateTimeOffset(Convert.ToInt64(r.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);
}
