-- LandFlow schema, version 6: the notices read model (issue 11, escalation).
--
-- The same DDL as NoticesSchema.Ddl, which SQLite runs itself (a test holds the two equal): notices, one per history
-- event and audience; notice_projects, what the projection remembers of each project to address them; notice_reads,
-- each user's read marks, never emptied by a rebuild. The silos' role reads and writes all three (StoreGrants).
-- Never edit this file once shipped.

CREATE TABLE IF NOT EXISTS notice_projects (
    stream_id      text    NOT NULL PRIMARY KEY,
    name           text,
    template       text    NOT NULL,
    version        integer NOT NULL,
    approval_level text    NOT NULL,
    county         text    NOT NULL,
    liaison        text
);
CREATE TABLE IF NOT EXISTS notices (
    id            bigint NOT NULL PRIMARY KEY,
    stream_id     text   NOT NULL,
    seq           bigint NOT NULL,
    audience_kind text   NOT NULL,
    audience_key  text   NOT NULL,
    county        text,
    kind          text   NOT NULL,
    project_code  text,
    project_name  text,
    step          text,
    light         text,
    reason        text,
    department    text,
    at_ticks      bigint NOT NULL,
    UNIQUE (stream_id, seq, audience_kind, audience_key)
);
CREATE INDEX IF NOT EXISTS notices_by_audience ON notices (audience_kind, audience_key, id);
CREATE TABLE IF NOT EXISTS notice_reads (
    user_id   text   NOT NULL,
    stream_id text   NOT NULL,
    seq       bigint NOT NULL,
    read_at   bigint NOT NULL,
    PRIMARY KEY (user_id, stream_id, seq)
);
