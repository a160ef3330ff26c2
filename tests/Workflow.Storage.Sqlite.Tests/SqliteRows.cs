using Microsoft.Data.Sqlite;

namespace Workflow.Storage.Sqlite.Tests;

/// <summary>Writes rows by hand, as an older build laid them out, for the migration tests.</summary>
internal static class SqliteRows
{
    /// <summary>Runs <paramref name="sql"/> with <paramref name="values"/> bound to <c>$1</c>, <c>$2</c>, … (null as NULL).</summary>
    public static void Execute(SqliteConnection connection, string sql, params object?[] values)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue($"${i + 1}", values[i] ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }
}
