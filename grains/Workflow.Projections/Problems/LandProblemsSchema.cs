namespace Workflow.Projections;

/// <summary>
/// The <c>problems</c> read model's table, in portable SQL. PostgreSQL gets the same DDL from the store's migration
/// 0008_land_problems.sql (the silos' role may not create tables); a test holds the two equal.
/// </summary>
public static class LandProblemsSchema
{
    /// <summary>
    /// <c>land_problems</c>: one row per land problem (涉土问题) of a project, keyed by its stream and number, with where
    /// it stands (<c>state</c> open or resolved) and the project's county and liaison, so leaders read the open ones per
    /// county and a liaison theirs without opening any project. Times are UTC ticks.
    /// </summary>
    public const string Ddl = """
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
        """;
}
