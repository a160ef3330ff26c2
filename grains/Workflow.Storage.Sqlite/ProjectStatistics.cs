using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Workflow.Storage.Sqlite;

/// <summary>
/// Keeps the planner's statistics (sqlite_stat1) for the project tables current, so a query with
/// several filters starts from the most selective index. Without them SQLite rates every index
/// alike and may walk 30,000 rows where 10,000 would do.
/// </summary>
internal sealed class ProjectStatistics
{
    // Re-analysing costs about 50 ms per 100,000 projects on the writer thread, so it is done
    // after a number of index writes proportional to the table: a small, bounded share of the work.
    private const long MinimumWritesBetweenRefreshes = 1_000;

    private long writesSinceRefresh;
    private long rowsAtRefresh;

    public void Refresh(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "ANALYZE projects; ANALYZE project_open_steps;";
        command.ExecuteNonQuery();
        command.CommandText = "SELECT count(*) FROM projects;";
        rowsAtRefresh = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        writesSinceRefresh = 0;
    }

    /// <summary>Counts index rows just committed and refreshes once enough have changed.</summary>
    public void RecordWrites(int indexWrites, SqliteConnection connection)
    {
        writesSinceRefresh += indexWrites;
        if (indexWrites > 0 && writesSinceRefresh >= Math.Max(MinimumWritesBetweenRefreshes, rowsAtRefresh / 4))
        {
            Refresh(connection);
        }
    }
}
