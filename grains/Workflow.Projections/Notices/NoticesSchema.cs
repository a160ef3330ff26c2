namespace Workflow.Projections;

/// <summary>
/// The notices read model's tables, in portable SQL. PostgreSQL gets the same DDL from the store's migration
/// 0006_notices.sql (the silos' role may not create tables); a test holds the two equal.
/// </summary>
public static class NoticesSchema
{
    /// <summary>
    /// <c>notices</c>: one row per (history event, audience), unique on that pair, so however often an event is applied
    /// (a replay, a rebuild, two runners racing) it is one notice per audience. Ids are given in feed order by the one
    /// runner that holds the checkpoint, so a higher id is always a later notice (what an event stream resumes after),
    /// and a rebuild under the same rules gives every notice its id again. <c>notice_projects</c>: what the projection
    /// remembers of each project (county, template, liaison) to address its notices. <c>notice_reads</c>: who read
    /// what, keyed by the event rather than the id and never emptied by a rebuild, since it is the users' own record.
    /// </summary>
    public const string Ddl = """
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
        """;
}
