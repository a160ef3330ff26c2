using System.Data.Common;
using System.Globalization;
using Workflow.Domain;

namespace Workflow.Projections;

/// <summary>One notice as one reader sees it (<c>Read</c>: whether they marked it read).</summary>
public sealed record NoticeRow(
    long Id,
    string Kind,
    string? ProjectCode,
    string? ProjectName,
    string? Step,
    string? Light,
    string? Reason,
    DateTimeOffset At,
    bool Read,
    string Stream,
    long Seq,
    string? County,
    string? Department);

/// <summary>A user's inbox over the notices tables: the notices of the audience <see cref="NoticeAudiences.ReaderOf"/>
/// gives them, with their own read marks. Portable SQL, like the projection.</summary>
public static class NoticeQueries
{
    private const string Columns = """
        n.id, n.kind, n.project_code, n.project_name, n.step, n.light, n.reason, n.at_ticks,
        CASE WHEN EXISTS (SELECT 1 FROM notice_reads r WHERE r.user_id = @user AND r.stream_id = n.stream_id AND r.seq = n.seq) THEN 1 ELSE 0 END,
        n.stream_id, n.seq, n.county, n.department
        """;

    private const string Unread =
        " AND NOT EXISTS (SELECT 1 FROM notice_reads r WHERE r.user_id = @user AND r.stream_id = n.stream_id AND r.seq = n.seq)";

    /// <summary>On SQLite, the tables, should the projection not have run yet (PostgreSQL's come from the migration).</summary>
    public static async Task EnsureSchemaAsync(DbConnection connection, Storage.SqlDialect dialect, CancellationToken cancellationToken)
    {
        if (dialect == Storage.SqlDialect.Sqlite)
        {
            await ReadModelSql.ExecuteAsync(connection, null, NoticesSchema.Ddl, cancellationToken);
        }
    }

    /// <summary>Newest first, ids below <paramref name="beforeId"/> (all when null), at most <paramref name="limit"/>.</summary>
    public static Task<IReadOnlyList<NoticeRow>> PageAsync(
        DbConnection connection, NoticeReader reader, string user, long? beforeId, int limit, bool unreadOnly, CancellationToken cancellationToken)
    {
        var (where, parameters) = Audience(reader, user);
        var sql = $"SELECT {Columns} FROM notices n WHERE {where}"
            + (beforeId is null ? "" : " AND n.id < @before")
            + (unreadOnly ? Unread : "")
            + " ORDER BY n.id DESC LIMIT @limit";
        parameters.Add(("@limit", (long)limit));
        if (beforeId is { } before)
        {
            parameters.Add(("@before", before));
        }

        return ReadModelSql.QueryAsync(connection, null, sql, Row, cancellationToken, [.. parameters]);
    }

    /// <summary>Oldest first, ids above <paramref name="afterId"/>, at most <paramref name="limit"/>: what a stream sends next.</summary>
    public static Task<IReadOnlyList<NoticeRow>> AfterAsync(
        DbConnection connection, NoticeReader reader, string user, long afterId, int limit, CancellationToken cancellationToken)
    {
        var (where, parameters) = Audience(reader, user);
        parameters.Add(("@after", afterId));
        parameters.Add(("@limit", (long)limit));
        return ReadModelSql.QueryAsync(connection, null,
            $"SELECT {Columns} FROM notices n WHERE {where} AND n.id > @after ORDER BY n.id LIMIT @limit", Row, cancellationToken, [.. parameters]);
    }

    public static async Task<int> UnreadCountAsync(DbConnection connection, NoticeReader reader, string user, CancellationToken cancellationToken)
    {
        var (where, parameters) = Audience(reader, user);
        return (int)await ReadModelSql.ScalarAsync<long>(connection, null, $"SELECT COUNT(*) FROM notices n WHERE {where}{Unread}", cancellationToken, [.. parameters]);
    }

    /// <summary>The notice <paramref name="id"/> if it is in this reader's inbox.</summary>
    public static async Task<NoticeRow?> FindAsync(DbConnection connection, NoticeReader reader, string user, long id, CancellationToken cancellationToken)
    {
        var (where, parameters) = Audience(reader, user);
        parameters.Add(("@id", id));
        var rows = await ReadModelSql.QueryAsync(connection, null, $"SELECT {Columns} FROM notices n WHERE {where} AND n.id = @id", Row, cancellationToken, [.. parameters]);
        return rows.Count == 1 ? rows[0] : null;
    }

    /// <summary>Marks the notice's event read for <paramref name="user"/>; marking twice is the same as once.</summary>
    public static Task MarkReadAsync(DbConnection connection, string user, NoticeRow notice, DateTimeOffset at, CancellationToken cancellationToken) =>
        ReadModelSql.ExecuteAsync(connection, null, """
            INSERT INTO notice_reads (user_id, stream_id, seq, read_at) VALUES (@user, @stream, @seq, @at)
            ON CONFLICT (user_id, stream_id, seq) DO NOTHING
            """, cancellationToken, ("@user", user), ("@stream", notice.Stream), ("@seq", notice.Seq), ("@at", at.UtcTicks));

    /// <summary>The highest notice id (0 for none): what a silo's watcher compares to know that something arrived.</summary>
    public static async Task<long> LatestIdAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ReadModelSql.ScalarAsync<long>(connection, null, "SELECT COALESCE(MAX(id), 0) FROM notices", cancellationToken);

    private static (string Where, List<(string Name, object? Value)> Parameters) Audience(NoticeReader reader, string user)
    {
        var parameters = new List<(string Name, object? Value)> { ("@user", user), ("@kind", reader.Kind), ("@key", reader.Key) };
        var where = "n.audience_kind = @kind AND n.audience_key = @key";
        if (reader.County is { } county)
        {
            where += " AND n.county = @county";
            parameters.Add(("@county", county));
        }

        return (where, parameters);
    }

    private static NoticeRow Row(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        Optional(r, 2),
        Optional(r, 3),
        Optional(r, 4),
        Optional(r, 5),
        Optional(r, 6),
        new DateTimeOffset(r.GetInt64(7), TimeSpan.Zero),
        Convert.ToInt64(r.GetValue(8), CultureInfo.InvariantCulture) != 0,
        r.GetString(9),
        r.GetInt64(10),
        Optional(r, 11),
        Optional(r, 12));

    private static string? Optional(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
