namespace Workflow.Clustering.Postgres;

/// <summary>The membership schema, one append-only list of steps: a released step is never edited, a change is a new step.</summary>
internal static class MembershipMigrations
{
    public static IReadOnlyList<MembershipMigration> For(string schema)
    {
        var s = MembershipSchema.Quote(schema);
        return
        [
            new MembershipMigration(1, "Clusters and silos", $"""
                -- Etags of clusters and silos come from one sequence, so an etag is never reused, even across a
                -- deleted and re-created cluster: a writer holding an old etag can never match a new row.
                CREATE SEQUENCE IF NOT EXISTS {s}.membership_etag AS bigint;

                -- One row per cluster id: the table version Orleans reads and writes with every membership change.
                CREATE TABLE IF NOT EXISTS {s}.membership_cluster (
                    cluster_id text        NOT NULL PRIMARY KEY,
                    version    integer     NOT NULL,
                    etag       bigint      NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now()
                );

                -- One row per silo incarnation (address, port, generation) of a cluster.
                CREATE TABLE IF NOT EXISTS {s}.membership_silo (
                    cluster_id        text          NOT NULL REFERENCES {s}.membership_cluster (cluster_id) ON DELETE CASCADE,
                    address           inet          NOT NULL,
                    port              integer       NOT NULL,
                    generation        integer       NOT NULL,
                    status            text          NOT NULL,
                    silo_name         text          NOT NULL,
                    host_name         text          NOT NULL,
                    role_name         text          NULL,
                    proxy_port        integer       NOT NULL,
                    update_zone       integer       NOT NULL,
                    fault_zone        integer       NOT NULL,
                    suspecting_silos  text[]        NULL,
                    suspect_times     timestamptz[] NULL,
                    last_suspected_at timestamptz   NULL,
                    started_at        timestamptz   NOT NULL,
                    i_am_alive_at     timestamptz   NOT NULL,
                    etag              bigint        NOT NULL,
                    PRIMARY KEY (cluster_id, address, port, generation),
                    CONSTRAINT membership_silo_votes_paired
                        CHECK (coalesce(cardinality(suspecting_silos), -1) = coalesce(cardinality(suspect_times), -1))
                );
                """),
        ];
    }
}
