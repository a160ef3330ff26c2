-- LandFlow schema, version 1: streams, events, project index, deadlines, settings.
--
-- Runs inside the migrator's transaction with search_path set to the store's schema, so names are
-- unqualified. Never edit this file once shipped: databases in the field already ran it. Add a new
-- numbered script instead.
--
-- Instants are stored as UTC ticks (100 ns since 0001-01-01, .NET's resolution; timestamptz keeps
-- only microseconds) plus the offset in minutes they were given with, so they round-trip exactly.
-- For reading by hand: to_timestamp((x_utc_ticks - 621355968000000000) / 1e7).
--
-- Keys and filter columns use the "C" collation: byte order, the same order as SQLite's BINARY and
-- .NET's ordinal comparison, whatever the database's locale; it also makes b-tree comparisons cheap.

-- Latest state per stream; the version check is the WHERE clause of its update. Rewritten at every
-- commit, so pages keep room for HOT updates (none of the rewritten columns is indexed).
CREATE TABLE streams (
    stream_id  text COLLATE "C" NOT NULL PRIMARY KEY,
    version    bigint NOT NULL CHECK (version > 0),
    state_json text   NOT NULL,
    last_seq   bigint NOT NULL DEFAULT 0
) WITH (fillfactor = 80);

-- Append-only history. The primary key both refuses a sequence number twice and serves reading
-- one stream's events in order.
CREATE TABLE events (
    stream_id         text COLLATE "C" NOT NULL REFERENCES streams (stream_id),
    seq               bigint   NOT NULL,
    at_utc_ticks      bigint   NOT NULL,
    at_offset_minutes smallint NOT NULL,
    actor             text     NOT NULL,
    kind              text     NOT NULL,
    step              text,
    reason            text,
    facts_json        text,
    PRIMARY KEY (stream_id, seq)
);

-- The project list. Each filter column is indexed together with code, so the matches of one
-- filter come out of the index already in the page's order (code) and LIMIT stops early.
CREATE TABLE projects (
    code                      text COLLATE "C" NOT NULL PRIMARY KEY,
    name                      text     NOT NULL,
    county                    text COLLATE "C" NOT NULL,
    owner_uscc                text COLLATE "C" NOT NULL,
    liaison                   text COLLATE "C",
    state                     text COLLATE "C" NOT NULL,
    light                     text COLLATE "C" NOT NULL,
    registered_utc_ticks      bigint   NOT NULL,
    registered_offset_minutes smallint NOT NULL,
    updated_utc_ticks         bigint   NOT NULL,
    updated_offset_minutes    smallint NOT NULL
) WITH (fillfactor = 90);
CREATE INDEX ix_projects_county     ON projects (county, code);
CREATE INDEX ix_projects_state      ON projects (state, code);
CREATE INDEX ix_projects_light      ON projects (light, code);
CREATE INDEX ix_projects_liaison    ON projects (liaison, code);
CREATE INDEX ix_projects_owner_uscc ON projects (owner_uscc, code);

-- Open steps in their own rows so "projects waiting on step X" is an index range, in code order.
-- position keeps the order the caller gave.
CREATE TABLE project_open_steps (
    code     text COLLATE "C" NOT NULL REFERENCES projects (code) ON DELETE CASCADE,
    step     text COLLATE "C" NOT NULL,
    position integer NOT NULL,
    PRIMARY KEY (code, step)
);
CREATE INDEX ix_project_open_steps_step ON project_open_steps (step, code);

-- One wake-up time per stream; DueAsync and NextAsync read the (due, stream) index from its start.
CREATE TABLE deadlines (
    stream_id          text COLLATE "C" NOT NULL PRIMARY KEY REFERENCES streams (stream_id),
    due_utc_ticks      bigint   NOT NULL,
    due_offset_minutes smallint NOT NULL
);
CREATE INDEX ix_deadlines_due ON deadlines (due_utc_ticks, stream_id);

CREATE TABLE settings (
    key   text COLLATE "C" NOT NULL PRIMARY KEY,
    value text NOT NULL
);

-- Turns "the version check matched no row" into an error, so that a conflicting commit stops at
-- its first statement within a batch and the writer knows which commit it was. SQLSTATE LF409 is
-- ours ("LF" for LandFlow, 409 as in HTTP's Conflict).
CREATE FUNCTION stream_version_conflict(stream text, expected_version bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'stream % is not at version %', stream, expected_version USING ERRCODE = 'LF409';
END
$$;
