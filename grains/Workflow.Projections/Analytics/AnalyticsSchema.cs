namespace Workflow.Projections;

/// <summary>
/// The analytics read model's tables, in portable SQL (the same text is PostgreSQL's migrations 0005_analytics.sql and
/// 0007_analytics_summary.sql; a test holds them equal). Instants are UTC ticks; weeks ISO (2026-W49); dwell in whole
/// working days. <c>analytics_dwell</c> is a histogram (how many visits took <c>days</c>) per step, county, department,
/// ISO week of completion, on-time flag (1, 0, or -1 for a step without a limit) and phase (wait, work, total), so
/// medians and 90th percentiles are exact sums. The summaries the dashboard reads on every request are kept already
/// summed, so a request reads a few thousand rows whatever the history's size: <c>analytics_dwell_totals</c> is the
/// same histogram over all weeks, <c>analytics_open</c> the open visits of live projects by state and light.
/// </summary>
public static class AnalyticsSchema
{
    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS analytics_projects (
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
        CREATE INDEX IF NOT EXISTS analytics_projects_liaison ON analytics_projects (liaison);
        CREATE TABLE IF NOT EXISTS analytics_visits (
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
        CREATE INDEX IF NOT EXISTS analytics_visits_state ON analytics_visits (state, step, county);
        CREATE TABLE IF NOT EXISTS analytics_dwell (
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
        CREATE TABLE IF NOT EXISTS analytics_red_turns (
            procedure text NOT NULL,
            step text NOT NULL,
            county text NOT NULL,
            department text NOT NULL,
            week text NOT NULL,
            turns bigint NOT NULL,
            PRIMARY KEY (procedure, step, county, department, week)
        );
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
        """;

    /// <summary>Emptied by a rebuild, in this order.</summary>
    public static IReadOnlyList<string> Tables { get; } = ["analytics_open", "analytics_dwell_totals", "analytics_red_turns", "analytics_dwell", "analytics_visits", "analytics_projects"];

    public static class Phases
    {
        public const string Wait = "wait";
        public const string Work = "work";
        public const string Total = "total";
    }
}
