-- LandFlow schema, version 4: the history feed, and where projections keep their place in it.
--
-- Projections (analytics, notices) read every stream's events in commit order. Silos commit at the same time, so a
-- sequence alone is not commit order: a transaction can take position 10, commit after another's 11, and a reader
-- that saw 11 would skip 10. Each feed row therefore also records its transaction's id (tx), and readers take only
-- rows below the oldest transaction still running (pg_snapshot_xmin of their snapshot), ordered by (tx, position):
-- every transaction below that bound has ended, and every one still to commit has a higher id.
-- The rows are written by a trigger on events, so no writer can leave them out. Never edit this file once shipped.

CREATE TABLE history_feed (
    tx        bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    position  bigint GENERATED ALWAYS AS IDENTITY,
    stream_id text COLLATE "C" NOT NULL,
    seq       bigint NOT NULL,
    PRIMARY KEY (tx, position)
);

-- The events already recorded, in the order they were recorded, as one transaction of their own.
INSERT INTO history_feed (stream_id, seq)
SELECT stream_id, seq FROM events ORDER BY at_utc_ticks, stream_id, seq;

-- Statement level: one insert into the feed per batch of events, in the order the batch inserted them.
CREATE FUNCTION events_feed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT
AS $$
BEGIN
    INSERT INTO history_feed (stream_id, seq) SELECT stream_id, seq FROM inserted ORDER BY stream_id, seq;
    RETURN NULL;
END
$$;

CREATE TRIGGER events_feed AFTER INSERT ON events REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION events_feed();

-- One row per projection: the last feed position it applied, advanced in the same transaction as its tables.
CREATE TABLE projection_checkpoints (
    name       text COLLATE "C" NOT NULL PRIMARY KEY,
    tx         bigint NOT NULL,
    position   bigint NOT NULL,
    applied    bigint NOT NULL DEFAULT 0,
    updated_at bigint NOT NULL
);
