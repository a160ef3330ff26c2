using Npgsql;

namespace Workflow.Storage.Postgres;

/// <summary>
/// All reads, each one statement on a pooled connection. Under READ COMMITTED a statement sees only
/// committed batches, of this silo and of every other.
/// </summary>
internal sealed class StoreReader(NpgsqlDataSource dataSource)
{
    public const int MaxPageSize = 200;

    public async Task<AggregateSnapshot?> LoadAsync(string streamId, CancellationToken cancellationToken)
    {
        // One statement, so the stream row, its snapshot and the deltas after it come from one snapshot of the database.
        await using var command = Command("""
            SELECT s.version, s.last_seq, s.pending_delta, n.state_json, d.state_delta
            FROM streams s
            LEFT JOIN stream_snapshots n ON n.stream_id = s.stream_id
            LEFT JOIN LATERAL (
                SELECT e.seq, e.state_delta FROM events e
                WHERE e.stream_id = s.stream_id AND e.seq > coalesce(n.seq, -1) AND e.state_delta IS NOT NULL) d ON true
            WHERE s.stream_id = $1
            ORDER BY d.seq
            """, streamId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var version = reader.GetInt64(0);
        var lastSeq = reader.GetInt64(1);
        var pending = NullableString(reader, 2);
        var snapshot = NullableString(reader, 3);
        var deltas = new List<string?>();
        do
        {
            if (NullableString(reader, 4) is { } delta)
            {
                deltas.Add(delta);
            }
        }
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false));

        return StateFold.Load(streamId, version, lastSeq, snapshot, deltas, pending);
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string streamId, long afterSeq, int max, CancellationToken cancellationToken)
    {
        await using var command = Command("""
            SELECT seq, at_utc_ticks, at_offset_minutes, actor, kind, step, reason, facts_json, state_delta
            FROM events
            WHERE stream_id = $1 AND seq > $2
            ORDER BY seq
            LIMIT $3
            """, streamId, afterSeq, max);
        return await ReadAllAsync(command, r => EventOf(r) with { StateDelta = NullableString(r, 8) }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<EventPage> ReadEventPageAsync(string streamId, EventPageQuery query, CancellationToken cancellationToken)
    {
        var page = new EventPageBuilder(query);
        await using var command = Command(query.NewestFirst
            ? """
              SELECT seq, at_utc_ticks, at_offset_minutes, actor, kind, step, reason, facts_json
              FROM events
              WHERE stream_id = $1 AND seq < $2
              ORDER BY seq DESC
              LIMIT $3
              """
            : """
              SELECT seq, at_utc_ticks, at_offset_minutes, actor, kind, step, reason, facts_json
              FROM events
              WHERE stream_id = $1 AND seq > $2
              ORDER BY seq
              LIMIT $3
              """, streamId, query.Bound, page.RowsToRead);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // A row that does not fit ends the page: it was read only to learn that there are more.
            if (!page.TryAdd(EventOf(reader)))
            {
                break;
            }
        }

        return page.Build();
    }

    public async Task<string?> LoadArchivedAsync(string streamId, string key, CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT json FROM stream_archive WHERE stream_id = $1 AND key = $2", streamId, key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task<IReadOnlyList<ArchivedRecord>> ReadArchiveAsync(
        string streamId, string? afterKey, int max, CancellationToken cancellationToken)
    {
        await using var command = Command("""
            SELECT key, json
            FROM stream_archive
            WHERE stream_id = $1 AND key > $2
            ORDER BY key
            LIMIT $3
            """, streamId, afterKey ?? "", max);
        return await ReadAllAsync(command, reader => new ArchivedRecord(reader.GetString(0), reader.GetString(1)), cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<ProjectPage> QueryAsync(ProjectQuery query, CancellationToken cancellationToken)
    {
        var pageSize = Math.Min(query.PageSize, MaxPageSize);
        var offset = (long)(query.Page - 1) * pageSize;
        var filter = new ProjectFilter(query);

        await using var command = dataSource.CreateCommand(filter.Sql());
        filter.Bind(command, pageSize, offset);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

        var total = 0L;
        var items = new List<ProjectIndexEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            total = reader.GetInt64(0);
            if (reader.IsDBNull(1))
            {
                // The page is past the last match: the row carries the total only.
                continue;
            }

            items.Add(new ProjectIndexEntry(
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                NullableString(reader, 5),
                reader.GetString(6),
                reader.GetString(7),
                reader.GetFieldValue<string[]>(12),
                Instants.FromStored(reader.GetInt64(8), reader.GetInt16(9)),
                Instants.FromStored(reader.GetInt64(10), reader.GetInt16(11))));
        }

        return new ProjectPage(items, checked((int)total));
    }

    public async Task<IReadOnlyList<DueDeadline>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await using var command = Command("""
            SELECT stream_id, due_utc_ticks, due_offset_minutes
            FROM deadlines
            WHERE due_utc_ticks <= $1
            ORDER BY due_utc_ticks, stream_id
            LIMIT $2
            """, now.UtcTicks, max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var due = new List<DueDeadline>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            due.Add(new DueDeadline(reader.GetString(0), Instants.FromStored(reader.GetInt64(1), reader.GetInt16(2))));
        }

        return due;
    }

    public async Task<DateTimeOffset?> NextAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(
            "SELECT due_utc_ticks, due_offset_minutes FROM deadlines ORDER BY due_utc_ticks, stream_id LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? Instants.FromStored(reader.GetInt64(0), reader.GetInt16(1))
            : null;
    }

    public async Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT value FROM settings WHERE key = $1", key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private NpgsqlCommand Command(string sql, params ReadOnlySpan<object> values)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(
        NpgsqlCommand command, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    /// <summary>An event row as the reads select it: seq, at (ticks and offset), actor, kind, step, reason, facts.</summary>
    private static StoredEvent EventOf(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        Instants.FromStored(reader.GetInt64(1), reader.GetInt16(2)),
        reader.GetString(3),
        reader.GetString(4),
        NullableString(reader, 5),
        NullableString(reader, 6),
        NullableString(reader, 7));

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
