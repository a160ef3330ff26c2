using Npgsql;

namespace Workflow.Clustering.Postgres;

/// <summary>
/// Brings the membership tables up to this build's version outside a silo, for example from a deployment step run
/// as the schema's owner before the silos start (the silo executable's <c>migrate</c> command). Safe beside silos
/// that start at the same time: they take turns on the same lock.
/// </summary>
public static class PostgresMembershipMigrator
{
    /// <summary>
    /// Applies the missing membership migrations with <paramref name="connectionString"/> (the owner's) and, when
    /// <paramref name="runtimeRole"/> is given and is not that owner, grants it the rows' SELECT, INSERT, UPDATE and
    /// DELETE and the etag sequence, no CREATE. Returns the membership schema's version.
    /// </summary>
    public static async Task<int> ApplyAsync(
        string connectionString, string schema, string? runtimeRole, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        new PostgresClusteringOptions { ConnectionString = connectionString, Schema = schema }.Validate();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await MembershipSchema.ApplyAsync(dataSource, schema, cancellationToken, runtimeRole).ConfigureAwait(false);
    }
}
