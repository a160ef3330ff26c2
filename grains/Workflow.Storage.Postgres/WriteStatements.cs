namespace Workflow.Storage.Postgres;

/// <summary>
/// Every statement the writer sends. Fixed texts with positional parameters, so each is parsed and
/// planned once per connection (auto-prepared). Apart from the version checks, each takes arrays
/// and writes any number of rows: a whole batch's rows of a table in one statement, or one
/// request's rows when a batch is replayed request by request.
/// </summary>
internal static class WriteStatements
{
    /// <summary>Version 0: the primary key is the check; a second creator fails with 23505.</summary>
    public const string CreateStream = """
        INSERT INTO streams (stream_id, version, state_json, last_seq, pending_delta) VALUES ($1, 1, '', $2, $3)
        """;

    /// <summary>
    /// The version check is the WHERE clause. Another silo updating the same row makes this wait
    /// for its commit, then re-check the new row, so exactly one of them advances each version.
    /// Zero rows raises LF409 rather than returning quietly, so the batch stops there and the
    /// writer knows whose commit it was.
    /// </summary>
    public const string AdvanceStream = """
        WITH advanced AS (
            UPDATE streams
            SET version = version + 1, last_seq = greatest(last_seq, $3), pending_delta = $4
            WHERE stream_id = $1 AND version = $2
            RETURNING 1)
        SELECT stream_version_conflict($1, $2) WHERE NOT EXISTS (SELECT FROM advanced)
        """;

    /// <summary>The trigger events_chain (migration 3) sets each row's prev_hash and hash from the row before it, so
    /// rows are inserted in stream and seq order.</summary>
    public const string AppendEvents = """
        INSERT INTO events (stream_id, seq, at_utc_ticks, at_offset_minutes, actor, kind, step, reason, facts_json, state_delta)
        SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::smallint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
        ORDER BY 1, 2
        """;

    /// <summary>After the stream rows and events: each snapshot is of the state after them, at the stream's last seq.</summary>
    public const string UpsertSnapshots = """
        INSERT INTO stream_snapshots (stream_id, seq, state_json)
        SELECT n.stream_id, s.last_seq, n.state_json
        FROM unnest($1::text[], $2::text[]) AS n (stream_id, state_json)
        JOIN streams s ON s.stream_id = n.stream_id
        ON CONFLICT (stream_id) DO UPDATE SET seq = excluded.seq, state_json = excluded.state_json
        """;

    /// <summary>Plain inserts: a key archived before is a unique violation, which fails its commit.</summary>
    public const string ArchiveRecords = """
        INSERT INTO stream_archive (stream_id, key, json)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
        """;

    public const string UpsertProjects = """
        INSERT INTO projects (
            code, name, county, owner_uscc, liaison, state, light,
            registered_utc_ticks, registered_offset_minutes, updated_utc_ticks, updated_offset_minutes)
        SELECT * FROM unnest(
            $1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
            $8::bigint[], $9::smallint[], $10::bigint[], $11::smallint[])
        ON CONFLICT (code) DO UPDATE SET
            name = excluded.name,
            county = excluded.county,
            owner_uscc = excluded.owner_uscc,
            liaison = excluded.liaison,
            state = excluded.state,
            light = excluded.light,
            registered_utc_ticks = excluded.registered_utc_ticks,
            registered_offset_minutes = excluded.registered_offset_minutes,
            updated_utc_ticks = excluded.updated_utc_ticks,
            updated_offset_minutes = excluded.updated_offset_minutes
        """;

    /// <summary>
    /// Open steps are reconciled rather than deleted and re-inserted: most commits leave them as
    /// they were, and then these two statements write nothing (no dead rows, no index churn).
    /// $1 are the projects written; ($2, $3) their open steps now.
    /// </summary>
    public const string RemoveClosedSteps = """
        DELETE FROM project_open_steps o
        WHERE o.code = ANY ($1::text[])
          AND NOT EXISTS (SELECT FROM unnest($2::text[], $3::text[]) AS n (code, step) WHERE n.code = o.code AND n.step = o.step)
        """;

    public const string UpsertOpenSteps = """
        INSERT INTO project_open_steps (code, step, position)
        SELECT * FROM unnest($1::text[], $2::text[], $3::integer[])
        ON CONFLICT (code, step) DO UPDATE SET position = excluded.position
        WHERE project_open_steps.position <> excluded.position
        """;

    public const string UpsertDeadlines = """
        INSERT INTO deadlines (stream_id, due_utc_ticks, due_offset_minutes)
        SELECT * FROM unnest($1::text[], $2::bigint[], $3::smallint[])
        ON CONFLICT (stream_id) DO UPDATE SET
            due_utc_ticks = excluded.due_utc_ticks,
            due_offset_minutes = excluded.due_offset_minutes
        """;

    public const string DeleteDeadlines = "DELETE FROM deadlines WHERE stream_id = ANY ($1::text[])";

    public const string UpsertSettings = """
        INSERT INTO settings (key, value)
        SELECT * FROM unnest($1::text[], $2::text[])
        ON CONFLICT (key) DO UPDATE SET value = excluded.value
        """;
}
