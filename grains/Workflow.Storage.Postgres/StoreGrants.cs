using Npgsql;

namespace Workflow.Storage.Postgres;

/// <summary>
/// The privileges of the role the silos connect as, given by the schema's owner after each migration. History
/// (events, stream_archive) is append-only for it: PostgreSQL itself refuses its UPDATE, DELETE and TRUNCATE
/// (SQLSTATE 42501), so a silo, or whoever holds its credential, cannot rewrite what was recorded.
/// </summary>
internal static class StoreGrants
{
    private static readonly string[] AppendOnly = ["events", "stream_archive", "history_feed"];
    private static readonly string[] ReadWrite =
    [
        "streams", "projects", "project_open_steps", "deadlines", "settings", "projection_checkpoints",
        "analytics_projects", "analytics_visits", "analytics_dwell", "analytics_red_turns", "analytics_dwell_totals", "analytics_open",
        "notices", "notice_projects", "notice_reads",
        "land_problems",
        "stream_snapshots",
    ];

    public static async Task ApplyAsync(NpgsqlConnection connection, string schema, string role, CancellationToken cancellationToken)
    {
        var owner = await ScalarAsync(connection, "SELECT current_user", cancellationToken).ConfigureAwait(false);
        if (string.Equals(owner, role, StringComparison.Ordinal))
        {
            return;
        }

        var exists = await ScalarAsync(connection, "SELECT rolname::text FROM pg_roles WHERE rolname = $1", cancellationToken, role).ConfigureAwait(false);
        if (exists is null)
        {
            throw new InvalidOperationException(
                $"The silos' role '{role}' (the user of LandFlow:Postgres:ConnectionString) does not exist; create it before migrating.");
        }

        var s = SchemaName.Quote(schema);
        var r = Quote(role);

        // USAGE only: the owner creates every table of the schema, the Orleans membership tables too (their own
        // migration, run as the owner), so the silos' role adds nothing to the schema that holds the history.
        // CREATE is revoked from schemas an older build gave it on.
        var statements = new List<string>
        {
            $"GRANT USAGE ON SCHEMA {s} TO {r}",
            $"REVOKE CREATE ON SCHEMA {s} FROM {r}",
            $"GRANT SELECT ON {s}.schema_version TO {r}",
            $"REVOKE ALL ON {string.Join(", ", AppendOnly.Select(t => $"{s}.{t}"))} FROM {r}",
            $"GRANT SELECT, INSERT ON {string.Join(", ", AppendOnly.Select(t => $"{s}.{t}"))} TO {r}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON {string.Join(", ", ReadWrite.Select(t => $"{s}.{t}"))} TO {r}",
        };
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Quote(string role) => "\"" + role.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task<string?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }
}
