using System.Text;
using System.Text.RegularExpressions;

namespace Workflow.Storage.Postgres;

/// <summary>The schema the store keeps its tables in: checked once, then safe to splice into SQL.</summary>
internal static partial class SchemaName
{
    // Lower-case unquoted identifiers only: the name is spliced into DDL and the search path, and
    // a name that needs quoting would be spelled differently in psql than in the options.
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static void Validate(string? schema, string parameterName)
    {
        if (schema is null || !Pattern().IsMatch(schema))
        {
            throw new ArgumentException(
                $"The schema must be a lower-case PostgreSQL identifier of at most 63 characters (a-z, 0-9, _); got '{schema}'.",
                parameterName);
        }
    }

    public static string Quote(string schema) => "\"" + schema + "\"";

    /// <summary>
    /// The pg_advisory_xact_lock key that serialises migrations of one schema: FNV-1a (64-bit) of
    /// "landflow:migrations:" + schema. Stable across builds and processes, unlike string.GetHashCode.
    /// </summary>
    public static long MigrationLockKey(string schema)
    {
        const ulong OffsetBasis = 14695981039346656037;
        const ulong Prime = 1099511628211;
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes("landflow:migrations:" + schema))
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        return unchecked((long)hash);
    }
}
