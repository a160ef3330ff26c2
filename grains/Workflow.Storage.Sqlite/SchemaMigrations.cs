namespace Workflow.Storage.Sqlite;

/// <summary>
/// The schema's whole history, oldest first. Never edit a script that has shipped: append a new
/// version instead, because databases in the field already ran the old one.
/// </summary>
internal static class SchemaMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "streams, events, project index, deadlines, settings", """
            -- Latest state per stream. A rowid table: state_json can be large, which suits
            -- WITHOUT ROWID badly.
            CREATE TABLE streams (
                stream_id  TEXT    NOT NULL PRIMARY KEY,
                version    INTEGER NOT NULL CHECK (version > 0),
                state_json TEXT    NOT NULL,
                last_seq   INTEGER NOT NULL DEFAULT 0
            );

            -- Append-only history, clustered by stream so one stream's events are read in one range scan.
            -- "at" is ISO 8601 round-trip text, which keeps the offset the event was recorded with.
            CREATE TABLE events (
                stream_id  TEXT    NOT NULL REFERENCES streams (stream_id),
                seq        INTEGER NOT NULL,
                at         TEXT    NOT NULL,
                actor      TEXT    NOT NULL,
                kind       TEXT    NOT NULL,
                step       TEXT,
                reason     TEXT,
                facts_json TEXT,
                PRIMARY KEY (stream_id, seq)
            ) WITHOUT ROWID;

            -- The project list. WITHOUT ROWID: rows are small, stored in code order, and every
            -- secondary index carries code, so "filter then ORDER BY code" needs no sort.
            CREATE TABLE projects (
                code          TEXT NOT NULL PRIMARY KEY,
                name          TEXT NOT NULL,
                county        TEXT NOT NULL,
                owner_uscc    TEXT NOT NULL,
                liaison       TEXT,
                state         TEXT NOT NULL,
                light         TEXT NOT NULL,
                registered_at TEXT NOT NULL,
                updated_at    TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX ix_projects_county     ON projects (county);
            CREATE INDEX ix_projects_state      ON projects (state);
            CREATE INDEX ix_projects_light      ON projects (light);
            CREATE INDEX ix_projects_liaison    ON projects (liaison);
            CREATE INDEX ix_projects_owner_uscc ON projects (owner_uscc);

            -- Open steps in their own rows so "projects waiting on step X" is an index lookup.
            -- position keeps the order the caller gave.
            CREATE TABLE project_open_steps (
                code     TEXT    NOT NULL REFERENCES projects (code) ON DELETE CASCADE,
                step     TEXT    NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (code, step)
            ) WITHOUT ROWID;
            CREATE INDEX ix_project_open_steps_step ON project_open_steps (step);

            -- One wake-up time per stream. due_at is UTC ticks for ordering; due_offset_minutes
            -- gives the instant back with the offset it was set with.
            CREATE TABLE deadlines (
                stream_id          TEXT    NOT NULL PRIMARY KEY REFERENCES streams (stream_id),
                due_at             INTEGER NOT NULL,
                due_offset_minutes INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX ix_deadlines_due_at ON deadlines (due_at);

            CREATE TABLE settings (
                key   TEXT NOT NULL PRIMARY KEY,
                value TEXT NOT NULL
            ) WITHOUT ROWID;
            """),
        new(2, "stream state may be stored zlib-compressed", """
            -- When state_zlib is set it holds the state (zlib format, state_bytes its UTF-8 length) and
            -- state_json is empty. Rows written before this version keep their text.
            ALTER TABLE streams ADD COLUMN state_zlib BLOB;
            ALTER TABLE streams ADD COLUMN state_bytes INTEGER;
            """),
        new(3, "records archived beside a stream's state", """
            -- Written once, by the commit that moves a record out of its stream's state (a county ledger's
            -- settled reservations), and read back by key. WITHOUT ROWID: one stream's records are one range,
            -- in key order, and the key is stored once.
            CREATE TABLE stream_archive (
                stream_id TEXT NOT NULL REFERENCES streams (stream_id),
                key       TEXT NOT NULL,
                json      TEXT NOT NULL,
                PRIMARY KEY (stream_id, key)
            ) WITHOUT ROWID;
            """),
        new(4, "history hash chain", """
            -- Each event carries the hash of the one before it and its own (HistoryChain in Workflow.Storage), so a
            -- changed or removed event is detected. Written by the writer with every event; rows written before
            -- this version are chained by the backfill below, in seq order, so that they verify too.
            ALTER TABLE events ADD COLUMN prev_hash BLOB;
            ALTER TABLE events ADD COLUMN hash BLOB;
            """, HistoryBackfill.Run),
        new(5, "history feed", """
            -- Every stream's events in commit order, for projections (analytics, notices). One writer commits, so the
            -- rowid is commit order: a batch's rows become visible together, after every earlier batch's. Filled by a
            -- trigger, so no writer can leave a row out; events already recorded are fed in the order recorded.
            CREATE TABLE history_feed (
                position  INTEGER PRIMARY KEY,
                stream_id TEXT    NOT NULL,
                seq       INTEGER NOT NULL
            );
            INSERT INTO history_feed (stream_id, seq) SELECT stream_id, seq FROM events ORDER BY at, stream_id, seq;
            CREATE TRIGGER events_feed AFTER INSERT ON events
            BEGIN
                INSERT INTO history_feed (stream_id, seq) VALUES (new.stream_id, new.seq);
            END;
            """),
        new(6, "state from events: snapshots beside the streams, a state delta on each event", """
            -- An act writes its event, which carries what the act changed in the state (state_delta: JSON text, or
            -- a zlib BLOB with its length first when long), and only every so often a snapshot. Loading reads the
            -- snapshot and the deltas after it. pending_delta holds what commits without an event changed since
            -- the stream's last event (a reservation's intent). Existing states become the streams' snapshots at
            -- their last seq (SnapshotBackfill), in this migration's one transaction: a crash leaves the old layout.
            ALTER TABLE events ADD COLUMN state_delta;
            ALTER TABLE streams ADD COLUMN pending_delta;
            CREATE TABLE stream_snapshots (
                stream_id   TEXT    NOT NULL PRIMARY KEY REFERENCES streams (stream_id),
                seq         INTEGER NOT NULL,
                state_json  TEXT    NOT NULL,
                state_zlib  BLOB,
                state_bytes INTEGER
            );
            """, SnapshotBackfill.Run),
        new(7, "events in commit order: the history feed is the events table itself", """
            -- Keyed by (stream, seq), the acts of many projects inserted at scattered places of the table's B-tree
            -- and left its pages a third empty (docs/benchmarks/limits.md). Keyed by their commit position, events
            -- are appended and fill their pages; a unique index finds a stream's events. The position is the
            -- history feed's (kept for every event, so projections' checkpoints stay valid), which makes
            -- history_feed and its trigger redundant. All in the migration's one transaction: a crash leaves the
            -- old layout, and a build that knows only version 6 refuses this file rather than misread it.
            CREATE TABLE events_in_order (
                position    INTEGER PRIMARY KEY,
                stream_id   TEXT    NOT NULL REFERENCES streams (stream_id),
                seq         INTEGER NOT NULL,
                at          TEXT    NOT NULL,
                actor       TEXT    NOT NULL,
                kind        TEXT    NOT NULL,
                step        TEXT,
                reason      TEXT,
                facts_json  TEXT,
                prev_hash   BLOB,
                hash        BLOB,
                state_delta
            );
            INSERT INTO events_in_order (position, stream_id, seq, at, actor, kind, step, reason, facts_json, prev_hash, hash, state_delta)
            SELECT f.position, e.stream_id, e.seq, e.at, e.actor, e.kind, e.step, e.reason, e.facts_json, e.prev_hash, e.hash, e.state_delta
            FROM events e
            LEFT JOIN history_feed f ON f.stream_id = e.stream_id AND f.seq = e.seq
            ORDER BY f.position IS NULL, f.position, e.at, e.stream_id, e.seq;
            DROP TRIGGER events_feed;
            DROP TABLE history_feed;
            DROP TABLE events;
            ALTER TABLE events_in_order RENAME TO events;
            CREATE UNIQUE INDEX ux_events_stream_seq ON events (stream_id, seq);
            """),
    ];

    public static int LatestVersion => All[^1].Version;
}
