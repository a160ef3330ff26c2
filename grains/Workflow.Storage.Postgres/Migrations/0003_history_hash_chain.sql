-- LandFlow schema, version 3: the history's hash chain.
--
-- Each event carries the hash of the one before it (prev_hash) and its own (hash): SHA-256 over prev_hash and
-- the event's canonical encoding, the first event of a stream chaining from a fixed genesis value. The bytes are
-- those of HistoryChain in Workflow.Storage (the verifier recomputes them in .NET): big-endian integers, and each
-- text as its UTF-8 length (int32, -1 for null) followed by its bytes. A trigger computes them for every inserted
-- row, so no writer can leave them out or choose them; existing rows are chained below, in seq order.
-- Never edit this file once shipped.

ALTER TABLE events ADD COLUMN prev_hash bytea, ADD COLUMN hash bytea;

-- FROM CURRENT pins the functions to this schema, whatever search path the session calling them has.
CREATE FUNCTION history_genesis() RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT
AS $$ SELECT sha256(convert_to('landflow:history:v1', 'UTF8')) $$;

CREATE FUNCTION history_text(value text) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT
AS $$
    SELECT CASE WHEN value IS NULL THEN '\xffffffff'::bytea
                ELSE int4send(length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') END
$$;

CREATE FUNCTION history_link(
    previous bytea, stream_id text, seq bigint, at_utc_ticks bigint, at_offset_minutes smallint,
    actor text, kind text, step text, reason text, facts_json text) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT
AS $$
    SELECT sha256(previous || history_text(stream_id) || int8send(seq) || int8send(at_utc_ticks) || int2send(at_offset_minutes)
        || history_text(actor) || history_text(kind) || history_text(step) || history_text(reason) || history_text(facts_json))
$$;

-- A running aggregate over one stream's events in seq order gives each event's hash in one set-based pass.
CREATE FUNCTION history_chain_step(
    state bytea, stream_id text, seq bigint, at_utc_ticks bigint, at_offset_minutes smallint,
    actor text, kind text, step text, reason text, facts_json text) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT
AS $$
    SELECT history_link(coalesce(state, history_genesis()), stream_id, seq, at_utc_ticks, at_offset_minutes,
        actor, kind, step, reason, facts_json)
$$;

CREATE AGGREGATE history_chain(text, bigint, bigint, smallint, text, text, text, text, text) (
    SFUNC = history_chain_step,
    STYPE = bytea
);

WITH running AS (
    SELECT stream_id, seq,
           history_chain(stream_id, seq, at_utc_ticks, at_offset_minutes, actor, kind, step, reason, facts_json)
               OVER (PARTITION BY stream_id ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS hash
    FROM events),
linked AS (
    SELECT stream_id, seq, hash,
           coalesce(lag(hash) OVER (PARTITION BY stream_id ORDER BY seq), history_genesis()) AS prev_hash
    FROM running)
UPDATE events e
SET prev_hash = l.prev_hash, hash = l.hash
FROM linked l
WHERE e.stream_id = l.stream_id AND e.seq = l.seq AND e.hash IS NULL;

ALTER TABLE events ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL;

-- The event before the new one, through the primary key. A row-level BEFORE trigger sees the rows the same
-- statement inserted before it, so a batch's several events of one stream chain in the order they are inserted.
CREATE FUNCTION events_chain() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT
AS $$
BEGIN
    SELECT e.hash INTO NEW.prev_hash
    FROM events e
    WHERE e.stream_id = NEW.stream_id AND e.seq < NEW.seq
    ORDER BY e.seq DESC
    LIMIT 1;
    NEW.prev_hash := coalesce(NEW.prev_hash, history_genesis());
    NEW.hash := history_link(NEW.prev_hash, NEW.stream_id, NEW.seq, NEW.at_utc_ticks, NEW.at_offset_minutes,
        NEW.actor, NEW.kind, NEW.step, NEW.reason, NEW.facts_json);
    RETURN NEW;
END
$$;

CREATE TRIGGER events_chain BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_chain();
