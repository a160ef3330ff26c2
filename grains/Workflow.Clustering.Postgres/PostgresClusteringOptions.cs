using System.Text.RegularExpressions;

namespace Workflow.Clustering.Postgres;

/// <summary>Where the Orleans membership table lives in PostgreSQL.</summary>
public sealed partial class PostgresClusteringOptions
{
    /// <summary>Npgsql connection string of the database holding the membership schema. Required.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The schema owner's connection string, for the membership migration only. When set, a silo migrates
    /// with it and grants the role of <see cref="ConnectionString"/> the rows it needs (docs/postgres.md, "Roles");
    /// when empty, it migrates with <see cref="ConnectionString"/>.</summary>
    public string? MigrationConnectionString { get; set; }

    /// <summary>PostgreSQL schema holding the membership tables; created by the migration when missing.
    /// Lower-case letters, digits and underscores only, starting with a letter or underscore.</summary>
    public string Schema { get; set; } = "landflow";

    /// <summary>Throws on values that would otherwise fail late, on the first membership read of a silo.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("PostgresClusteringOptions.ConnectionString is required.", nameof(ConnectionString));
        }

        // The schema name is spliced into every statement, so only a plain identifier may pass.
        if (Schema is null || !SchemaName().IsMatch(Schema))
        {
            throw new ArgumentException(
                $"PostgresClusteringOptions.Schema must match {SchemaName()}; got '{Schema}'.",
                nameof(Schema));
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
