-- LandFlow schema, version 9: state from events.
--
-- An act writes its event, which carries what the act changed in the state (state_delta, JSON), and only every so
-- often a snapshot of the whole state (stream_snapshots, one row per stream, replaced). Loading reads the snapshot
-- and the deltas of the events after it, then the stream's pending_delta: what commits without an event (a
-- reservation's intent) changed since its last event. The streams row keeps version and seq, so the per-act update
-- that is the version check no longer copies an 8 KB state.
--
-- Existing states become the streams' snapshots at their last seq, in this migration's one transaction: a failure
-- part-way leaves the old layout, and an older build refuses a schema newer than it knows rather than misread it.
-- The hash chain covers the delta: an event that carries one encodes it after its facts (history_link_delta); one
-- that does not hashes as before, so rows written before this version keep their hashes.
-- Never edit this file once shipped.

ALTER TABLE events ADD COLUMN state_delta text;
ALTER TABLE streams ADD COLUMN pending_delta text;

CREATE TABLE stream_snapshots (
    stream_id  text   NOT NULL PRIMARY KEY REFERENCES streams (stream_id),
    seq        bigint NOT NULL,
    state_json text   NOT NULL
);

INSERT INTO stream_snapshots (stream_id, seq, state_json)
SELECT stream_id, last_seq, state_json FROM streams;

UPDATE streams SET state_json = '';

CREATE FUNCTION history_link_delta(
    previous bytea, stream_id text, seq bigint, at_utc_ticks bigint, at_offset_minutes smallint,
    actor text, kind text, step text, reason text, facts_json text, state_delta text) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT
AS $$
    SELECT sha256(previous || history_text(stream_id) || int8send(seq) || int8send(at_utc_ticks) || int2send(at_offset_minutes)
        || history_text(actor) || history_text(kind) || history_text(step) || history_text(reason) || history_text(facts_json)
        || CASE WHEN state_delta IS NULL THEN ''::bytea ELSE history_text(state_delta) END)
$$;

CREATE OR REPLACE FUNCTION events_chain() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT
AS $$
BEGIN
    SELECT e.hash INTO NEW.prev_hash
    FROM events e
    WHERE e.stream_id = NEW.stream_id AND e.seq < NEW.seq
    ORDER BY e.seq DESC
    LIMIT 1;
    NEW.prev_hash := coalesce(NEW.prev_hash, history_genesis());
    NEW.hash := history_link_delta(NEW.prev_hash, NEW.stream_id, NEW.seq, NEW.at_utc_ticks, NEW.at_offset_minutes,
        NEW.actor, NEW.kind, NEW.step, NEW.reason, NEW.facts_json, NEW.state_delta);
    RETURN NEW;
END
$$;
