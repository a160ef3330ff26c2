-- LandFlow schema, version 7: the analytics read model's summaries, and the projections' versions.
--
-- The same DDL as the end of AnalyticsSchema.Ddl, which SQLite runs itself (a test holds the two equal): the dwell
-- histogram over all weeks and the open visits of live projects by state and light, kept already summed by the analytics
-- projection so the dashboard's bottlenecks and heatmap read a few thousand rows, not the whole weekly histogram.
-- The silos' role reads and writes both tables (StoreGrants). Never edit this file once shipped.

CREATE TABLE IF NOT EXISTS analytics_dwell_totals (
    procedure text NOT NULL,
    step text NOT NULL,
    county text NOT NULL,
    department text NOT NULL,
    on_time integer NOT NULL,
    phase text NOT NULL,
    days integer NOT NULL,
    visits bigint NOT NULL,
    PRIMARY KEY (procedure, step, county, department, on_time, phase, days)
);
CREATE TABLE IF NOT EXISTS analytics_open (
    procedure text NOT NULL,
    step text NOT NULL,
    county text NOT NULL,
    department text NOT NULL,
    state text NOT NULL,
    light text NOT NULL,
    visits bigint NOT NULL,
    PRIMARY KEY (procedure, step, county, department, state, light)
);

-- The version of the projection that built each read model: a runner whose projection is newer empties the read model
-- and replays the history (ProjectionRunner). Rows written before versions existed were built by version 1.
ALTER TABLE projection_checkpoints ADD COLUMN version integer NOT NULL DEFAULT 1;
