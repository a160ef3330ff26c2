using Npgsql;

namespace Workflow.Clustering.Postgres;

/// <summary>
/// What the silos' role may do with the membership tables when their owner migrated them: read and write the rows
/// Orleans keeps there, draw etags, and nothing else. No CREATE on the schema: the owner creates every table, so a
/// silo cannot add objects to the schema it shares with the store's history.
/// </summary>
internal static class MembershipGrants
{
    public static async Task ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, string role, CancellationToken cancellationToken)
    {
        await using (var owner = new NpgsqlCommand("SELECT current_user::text = @role;", connection, transaction))
        {
            owner.Parameters.AddWithValue("role", role);
            if ((bool)(await owner.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return;
            }
        }

        await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = @role);", connection, transaction))
        {
            exists.Parameters.AddWithValue("role", role);
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                throw new InvalidOperationException(
                    $"The silos' role '{role}' does not exist; create it before migrating the membership tables.");
            }
        }

        var s = MembershipSchema.Quote(schema);
        var r = "\"" + role.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        string[] statements =
        [
            $"GRANT USAGE ON SCHEMA {s} TO {r}",
            $"GRANT SELECT ON {s}.{MembershipSchema.VersionTable} TO {r}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON {s}.membership_cluster, {s}.membership_silo TO {r}",
            $"GRANT USAGE, SELECT ON SEQUENCE {s}.membership_etag TO {r}",
        ];
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
