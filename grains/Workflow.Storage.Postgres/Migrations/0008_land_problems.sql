-- LandFlow schema, version 8: the land problems read model (issue 12, the liaison's 涉土问题).
--
-- The same DDL as LandProblemsSchema.Ddl, which SQLite runs itself (a test holds the two equal): land_problems, one row
-- per land problem of a project, open or resolved, with its county, department and liaison. The silos' role reads and
-- writes it (StoreGrants). Never edit this file once shipped.

CREATE TABLE IF NOT EXISTS land_problems (
    stream_id    text    NOT NULL,
    problem_id   integer NOT NULL,
    project_code text    NOT NULL,
    project_name text,
    county       text    NOT NULL,
    title        text    NOT NULL,
    step         text,
    department   text,
    liaison      text,
    state        text    NOT NULL,
    recorded_at  bigint  NOT NULL,
    assigned_at  bigint,
    last_note_at bigint,
    resolved_at  bigint,
    PRIMARY KEY (stream_id, problem_id)
);
CREATE INDEX IF NOT EXISTS land_problems_by_state ON land_problems (state, county, recorded_at);
