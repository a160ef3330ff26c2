namespace Workflow.Clustering.Postgres;

/// <summary>
/// The SQL of every membership operation, for one schema. Each operation is one statement: PostgreSQL runs a
/// statement atomically, so a conditional write either changes the silo row and the table version together or
/// changes nothing. docs/clustering.md walks through why each one is safe under concurrency.
/// </summary>
internal sealed class MembershipStatements
{
    /// <summary>Columns read into a <c>MembershipEntry</c>, in the order <see cref="MembershipRows"/> reads them.</summary>
    private const string SiloColumns = """
        s.address, s.port, s.generation, s.status, s.silo_name, s.host_name, s.role_name, s.proxy_port,
        s.update_zone, s.fault_zone, s.suspecting_silos, s.suspect_times, s.started_at, s.i_am_alive_at, s.etag
        """;

    private const string SiloKey = "s.address = @address AND s.port = @port AND s.generation = @generation";

    public MembershipStatements(string schema)
    {
        var s = MembershipSchema.Quote(schema);
        var nextEtag = $"nextval('{s}.membership_etag')";

        // The version row is locked first (FOR UPDATE) and only if its etag is the one the caller read: every
        // writer of a cluster queues on that one row, and a writer that waited re-checks the etag on the row
        // its predecessor left, so of two writers holding the same etag exactly one gets through.
        var lockVersion = $"""
            WITH version_row AS (
                SELECT cluster_id FROM {s}.membership_cluster
                WHERE cluster_id = @cluster_id AND etag = @version_etag
                FOR UPDATE
            )
            """;

        // The version moves only when the silo write produced a row, so a refused write leaves it untouched.
        var bumpVersion = $"""
            UPDATE {s}.membership_cluster c
            SET version = @version, etag = {nextEtag}
            FROM written
            WHERE c.cluster_id = @cluster_id
            RETURNING written.etag;
            """;

        InitializeCluster = $"""
            INSERT INTO {s}.membership_cluster (cluster_id, version, etag)
            VALUES (@cluster_id, 0, {nextEtag})
            ON CONFLICT (cluster_id) DO NOTHING;
            """;

        DeleteCluster = $"DELETE FROM {s}.membership_cluster WHERE cluster_id = @cluster_id;";

        // The version row and the silo rows come from one statement, hence one snapshot: they are consistent.
        ReadAll = $"""
            SELECT c.version, c.etag, {SiloColumns}
            FROM {s}.membership_cluster c
            LEFT JOIN {s}.membership_silo s ON s.cluster_id = c.cluster_id
            WHERE c.cluster_id = @cluster_id;
            """;

        ReadRow = $"""
            SELECT c.version, c.etag, {SiloColumns}
            FROM {s}.membership_cluster c
            LEFT JOIN {s}.membership_silo s ON s.cluster_id = c.cluster_id AND {SiloKey}
            WHERE c.cluster_id = @cluster_id;
            """;

        InsertRow = $"""
            {lockVersion}, written AS (
                INSERT INTO {s}.membership_silo (
                    cluster_id, address, port, generation, status, silo_name, host_name, role_name, proxy_port,
                    update_zone, fault_zone, suspecting_silos, suspect_times, last_suspected_at, started_at,
                    i_am_alive_at, etag)
                SELECT cluster_id, @address, @port, @generation, @status, @silo_name, @host_name, @role_name, @proxy_port,
                    @update_zone, @fault_zone, @suspecting_silos, @suspect_times, @last_suspected_at, @started_at,
                    @i_am_alive_at, {nextEtag}
                FROM version_row
                ON CONFLICT (cluster_id, address, port, generation) DO NOTHING
                RETURNING etag
            )
            {bumpVersion}
            """;

        UpdateRow = $"""
            {lockVersion}, written AS (
                UPDATE {s}.membership_silo s
                SET status = @status, silo_name = @silo_name, host_name = @host_name, role_name = @role_name,
                    proxy_port = @proxy_port, update_zone = @update_zone, fault_zone = @fault_zone,
                    suspecting_silos = @suspecting_silos, suspect_times = @suspect_times,
                    last_suspected_at = @last_suspected_at, started_at = @started_at, i_am_alive_at = @i_am_alive_at,
                    etag = {nextEtag}
                FROM version_row
                WHERE s.cluster_id = version_row.cluster_id AND {SiloKey} AND s.etag = @etag
                RETURNING s.etag
            )
            {bumpVersion}
            """;

        // A heartbeat keeps the row's etag: Orleans may hold an etag read before the heartbeat and must still be
        // able to use it (IMembershipTable.UpdateIAmAlive), and only conditional writes move etags.
        UpdateIAmAlive = $"""
            UPDATE {s}.membership_silo s
            SET i_am_alive_at = @i_am_alive_at
            WHERE s.cluster_id = @cluster_id AND {SiloKey};
            """;

        // Defunct: not Active, and neither started, alive nor voted on since the cut-off. The suspicion votes
        // count because declaring a silo dead is itself a vote: a silo declared dead just now stays listed.
        CleanupDefunct = $"""
            DELETE FROM {s}.membership_silo
            WHERE cluster_id = @cluster_id
              AND status <> 'Active'
              AND greatest(started_at, i_am_alive_at, last_suspected_at) < @before;
            """;

        ReadGateways = $"""
            SELECT s.address, s.proxy_port, s.generation
            FROM {s}.membership_silo s
            WHERE s.cluster_id = @cluster_id AND s.status = 'Active' AND s.proxy_port > 0;
            """;
    }

    public string InitializeCluster { get; }

    public string DeleteCluster { get; }

    public string ReadAll { get; }

    public string ReadRow { get; }

    public string InsertRow { get; }

    public string UpdateRow { get; }

    public string UpdateIAmAlive { get; }

    public string CleanupDefunct { get; }

    public string ReadGateways { get; }
}
