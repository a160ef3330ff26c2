using Npgsql;

namespace Workflow.Hosting;

/// <summary>Gives a connection string LandFlow's pool size unless it names one itself.</summary>
public static class PostgresPoolSize
{
    /// <summary>Npgsql's canonical name of the keyword (its synonym <c>MaxPoolSize</c> is stored under it too).</summary>
    private const string Keyword = "Maximum Pool Size";

    public static string Apply(string connectionString, int maxPoolSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoolSize, 1, nameof(maxPoolSize));
        var builder = new NpgsqlConnectionStringBuilder(connectionString);

        // ContainsKey answers whether a keyword exists at all; Keys holds only those the string set.
        if (builder.Keys.Contains(Keyword, StringComparer.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        // Npgsql refuses a maximum below the minimum; a minimum the operator set is kept and raises the maximum.
        builder.MaxPoolSize = Math.Max(maxPoolSize, builder.MinPoolSize);
        return builder.ConnectionString;
    }
}
