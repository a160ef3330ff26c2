using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Workflow.Storage.Sqlite;

/// <summary>All reads, each on a pooled reader connection; WAL lets them run while the writer commits.</summary>
internal sealed class StoreReader(SqliteConnectionFactory connections)
{
    public const int MaxPageSize = 200;

    private const string ProjectColumns =
        "p.code, p.name, p.county, p.owner_uscc, p.liaison, p.state, p.light, p.registered_at, p.updated_at";

    public AggregateSnapshot? Load(string streamId)
    {
        using var connection = connections.OpenReader();

        // One read transaction: the stream row, its snapshot and the deltas after it from the same commit.
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT s.version, s.last_seq, s.pending_delta, n.seq, n.state_json, n.state_zlib, n.state_bytes
            FROM streams s LEFT JOIN stream_snapshots n ON n.stream_id = s.stream_id
            WHERE s.stream_id = $stream_id;
            """;
        command.Parameters.AddWithValue("$stream_id", streamId);
        long version, lastSeq, snapshotSeq;
        string? pending, snapshot;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            version = reader.GetInt64(0);
            lastSeq = reader.GetInt64(1);
            pending = DeltaColumn.Read(reader, 2);
            snapshotSeq = reader.IsDBNull(3) ? -1 : reader.GetInt64(3);
            snapshot = reader.IsDBNull(3) ? null
                : reader.IsDBNull(5) ? reader.GetString(4)
                : PackedState.Unpack(reader.GetString(4), (byte[])reader.GetValue(5), reader.GetInt32(6));
        }

        command.Parameters.Clear();
        command.CommandText = """
            SELECT state_delta FROM events
            WHERE stream_id = $stream_id AND seq > $after_seq AND state_delta IS NOT NULL
            ORDER BY seq;
            """;
        command.Parameters.AddWithValue("$stream_id", streamId);
        command.Parameters.AddWithValue("$after_seq", snapshotSeq);
        var deltas = new List<string?>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                deltas.Add(DeltaColumn.Read(reader, 0));
            }
        }

        transaction.Commit();
        return StateFold.Load(streamId, version, lastSeq, snapshot, deltas, pending);
    }

    public IReadOnlyList<StoredEvent> ReadEvents(string streamId, long afterSeq, int max)
    {
        using var connection = connections.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT seq, at, actor, kind, step, reason, facts_json, state_delta
            FROM events
            WHERE stream_id = $stream_id AND seq > $after_seq
            ORDER BY seq
            LIMIT $max;
            """;
        command.Parameters.AddWithValue("$stream_id", streamId);
        command.Parameters.AddWithValue("$after_seq", afterSeq);
        command.Parameters.AddWithValue("$max", max);
        using var reader = command.ExecuteReader();
        var events = new List<StoredEvent>();
        while (reader.Read())
        {
            events.Add(EventAt(reader, 0) with { StateDelta = DeltaColumn.Read(reader, 7) });
        }

        return events;
    }

    /// <summary>Event rows with their hashes, for the verifier.</summary>
    public IReadOnlyList<ChainedEvent> ReadChainedEvents(string streamId, long afterSeq, int max)
    {
        using var connection = connections.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT seq, at, actor, kind, step, reason, facts_json, prev_hash, hash, state_delta
            FROM events
            WHERE stream_id = $stream_id AND seq > $after_seq
            ORDER BY seq
            LIMIT $max;
            """;
        command.Parameters.AddWithValue("$stream_id", streamId);
        command.Parameters.AddWithValue("$after_seq", afterSeq);
        command.Parameters.AddWithValue("$max", max);
        using var reader = command.ExecuteReader();
        var events = new List<ChainedEvent>();
        while (reader.Read())
        {
            events.Add(new ChainedEvent(EventAt(reader, 0) with { StateDelta = DeltaColumn.Read(reader, 9) }, NullableBytes(reader, 7), NullableBytes(reader, 8)));
        }

        return events;
    }

    /// <summary>The stream's last seq, or null when there is no such stream.</summary>
    public long? LastSeq(string streamId)
    {
        using var connection = connections.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_seq FROM streams WHERE stream_id = $stream_id;";
        command.Parameters.AddWithValue("$stream_id", streamId);
        return command.ExecuteScalar() is long lastSeq ? lastSeq : null;
    }

    /// <summary>Streams after <paramref name="afterStreamId"/> in id order with their last seq, how many streams are
    /// at or before <paramref name="afterStreamId"/>, and how many there are, from one read transaction.</summary>
    public (IReadOnlyList<(string StreamId, long LastSeq)> Streams, long Before, long Total) StreamPage(string? afterStreamId, int max)
    {
        using var connection = connections.OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT stream_id, last_seq FROM streams WHERE stream_id > $after ORDER BY stream_id LIMIT $max;
            """;
        command.Parameters.AddWithValue("$after", afterStreamId ?? "");
        command.Parameters.AddWithValue("$max", max);
        var streams = new List<(string, long)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                streams.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        command.Parameters.Clear();
        command.CommandText = "SELECT count(*), count(*) FILTER (WHERE stream_id <= $after) FROM streams;";
        command.Parameters.AddWithValue("$after", afterStreamId ?? "");
        using var counts = command.ExecuteReader();
        counts.Read();
        var result = (streams, counts.GetInt64(1), counts.GetInt64(0));
        counts.Close();
        transaction.Commit();
        return result;
    }

    public EventPage ReadEventPage(string streamId, EventPageQuery query)
    {
        using var connection = connections.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = query.NewestFirst
            ? """
              SELECT seq, at, actor, kind, step, reason, facts_json
              FROM events
              WHERE stream_id = $stream_id AND seq < $bound
              ORDER BY seq DESC
              LIMIT $max;
              """
            : """
              SELECT seq, at, actor, kind, step, reason, facts_json
              FROM events
              WHERE stream_id = $stream_id AND seq > $bound
              ORDER BY seq
              LIMIT $max;
              """;
        var page = new EventPageBuilder(query);
        command.Parameters.AddWithValue("$stream_id", streamId);
        command.Parameters.AddWithValue("$bound", query.Bound);
        command.Parameters.AddWithValue("$max", page.RowsToRead);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            // A row that does not fit ends the page: it was read only to learn that there are more.
            if (!page.TryAdd(EventAt(reader, 0)))
            {
                break;
            }
        }

        return page.Build();
    }

    public string? LoadArchived(string streamId, string key)
    {
        using var connection = connections.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM stream_archive WHERE stream_id = $stream_id AND key = $key;";
        command.Parameters.AddWithValue("$stream_id", streamId);
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    public IReadOnlyList<ArchivedRecord> ReadArchive(string streamId, string? afterKey, int max)
    {
        using var connection = connections.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT key, json
            FROM stream_archive
            WHERE stream_id = $stream_id AND key > $after_key
            ORDER BY key
            LIMIT $max;
            """;
        command.Parameters.AddWithValue("$stream_id", streamId);
        command.Parameters.AddWithValue("$after_key", afterKey ?? "");
        command.Parameters.AddWithValue("$max", max);
        using var reader = command.ExecuteReader();
        var records = new List<ArchivedRecord>();
        while (reader.Read())
        {
            records.Add(new ArchivedRecord(reader.GetString(0), reader.GetString(1)));
        }

        return records;
    }

    public ProjectPage Query(ProjectQuery query)
    {
        var pageSize = Math.Min(query.PageSize, MaxPageSize);
        var offset = (long)(query.Page - 1) * pageSize;
        var filter = new ProjectFilter(query);

        using var connection = connections.OpenReader();

        // One read transaction, so the total, the page and its open steps come from one snapshot.
        using var transaction = connection.BeginTransaction(deferred: true);

        int total;
        using (var count = connection.CreateCommand())
        {
            count.Transaction = transaction;
            count.CommandText = filter.CountSql;
            filter.Bind(count);
            total = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        var rows = new List<ProjectRow>();
        if (total > offset)
        {
            using var page = connection.CreateCommand();
            page.Transaction = transaction;
            page.CommandText = filter.PageSql(ProjectColumns);
            filter.Bind(page);
            page.Parameters.AddWithValue("$limit", pageSize);
            page.Parameters.AddWithValue("$offset", offset);
            using var reader = page.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(new ProjectRow(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    NullableString(reader, 4),
                    reader.GetString(5),
                    reader.GetString(6),
                    InstantText.Parse(reader.GetString(7)),
                    InstantText.Parse(reader.GetString(8))));
            }
        }

        var openSteps = ReadOpenSteps(connection, transaction, rows);
        transaction.Commit();

        var items = rows
            .Select(row => row.ToEntry(openSteps.TryGetValue(row.Code, out var steps) ? steps : []))
            .ToList();
        return new ProjectPage(items, total);
    }

    public IReadOnlyList<DueDeadline> Due(DateTimeOffset now, int max)
    {
        using var connection = connections.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT stream_id, due_at, due_offset_minutes
            FROM deadlines
            WHERE due_at <= $now
            ORDER BY due_at, stream_id
            LIMIT $max;
            """;
        command.Parameters.AddWithValue("$now", now.UtcTicks);
        command.Parameters.AddWithValue("$max", max);
        using var reader = command.ExecuteReader();
        var due = new List<DueDeadline>();
        while (reader.Read())
        {
            due.Add(new DueDeadline(reader.GetString(0), InstantText.FromUtcTicks(reader.GetInt64(1), reader.GetInt64(2))));
        }

        return due;
    }

    public DateTimeOffset? Next()
    {
        using var connection = connections.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT due_at, due_offset_minutes FROM deadlines ORDER BY due_at LIMIT 1;";
        using var reader = command.ExecuteReader();
        return reader.Read() ? InstantText.FromUtcTicks(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    public string? GetSetting(string key)
    {
        using var connection = connections.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM settings WHERE key = $key;";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    private static Dictionary<string, List<string>> ReadOpenSteps(
        SqliteConnection connection, SqliteTransaction transaction, List<ProjectRow> rows)
    {
        var steps = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (rows.Count == 0)
        {
            return steps;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var names = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            names[i] = "$c" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(names[i], rows[i].Code);
        }

        command.CommandText =
            $"SELECT code, step FROM project_open_steps WHERE code IN ({string.Join(", ", names)}) ORDER BY code, position;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var code = reader.GetString(0);
            if (!steps.TryGetValue(code, out var list))
            {
                list = [];
                steps.Add(code, list);
            }

            list.Add(reader.GetString(1));
        }

        return steps;
    }

    /// <summary>An event from the columns seq, at, actor, kind, step, reason, facts_json starting at <paramref name="first"/>.</summary>
    internal static StoredEvent EventAt(SqliteDataReader reader, int first) =>
        new(
            reader.GetInt64(first),
            InstantText.Parse(reader.GetString(first + 1)),
            reader.GetString(first + 2),
            reader.GetString(first + 3),
            NullableString(reader, first + 4),
            NullableString(reader, first + 5),
            NullableString(reader, first + 6));

    private static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static byte[]? NullableBytes(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : (byte[])reader.GetValue(ordinal);

    private sealed record ProjectRow(
        string Code,
        string Name,
        string County,
        string OwnerUscc,
        string? Liaison,
        string State,
        string Light,
        DateTimeOffset RegisteredAt,
        DateTimeOffset UpdatedAt)
    {
        public ProjectIndexEntry ToEntry(IReadOnlyList<string> openSteps) =>
            new(Code, Name, County, OwnerUscc, Liaison, State, Light, openSteps, RegisteredAt, UpdatedAt);
    }
}
