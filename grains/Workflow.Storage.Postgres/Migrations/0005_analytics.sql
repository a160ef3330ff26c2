-- LandFlow schema, version 5: the analytics read model (Workflow.Projections AnalyticsSchema.Ddl, the same text the
-- SQLite read-model file is given). A projection of the history: it can be emptied and rebuilt from the history feed
-- (`Workflow.Silo rebuild analytics`). Never edit this file once shipped.

CREATE TABLE analytics_projects (
    code text PRIMARY KEY,
    name text,
    county text NOT NULL,
    procedure text NOT NULL,
    template_id text NOT NULL,
    template_version integer NOT NULL,
    approval_level text NOT NULL,
    liaison text,
    target_date text,
    state text NOT NULL,
    registered_at bigint NOT NULL,
    closed_at bigint,
    fold text NOT NULL
);
CREATE INDEX analytics_projects_liaison ON analytics_projects (liaison);
CREATE TABLE analytics_visits (
    code text NOT NULL,
    step text NOT NULL,
    round integer NOT NULL,
    department text NOT NULL,
    county text NOT NULL,
    procedure text NOT NULL,
    state text NOT NULL,
    light text NOT NULL,
    received_at bigint NOT NULL,
    accepted_at bigint,
    done_at bigint,
    due_at bigint,
    time_limit text,
    extension_days integer,
    on_time integer,
    wait_days integer,
    work_days integer,
    done_week text,
    PRIMARY KEY (code, step, round)
);
CREATE INDEX analytics_visits_state ON analytics_visits (state, step, county);
CREATE TABLE analytics_dwell (
    procedure text NOT NULL,
    step text NOT NULL,
    county text NOT NULL,
    department text NOT NULL,
    week text NOT NULL,
    on_time integer NOT NULL,
    phase text NOT NULL,
    days integer NOT NULL,
    visits bigint NOT NULL,
    PRIMARY KEY (procedure, step, county, department, week, on_time, phase, days)
);
CREATE TABLE analytics_red_turns (
    procedure text NOT NULL,
    step text NOT NULL,
    county text NOT NULL,
    department text NOT NULL,
    week text NOT NULL,
    turns bigint NOT NULL,
    PRIMARY KEY (procedure, step, county, department, week)
);

