using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Workflow.Projections;

/// <summary>Portable SQL helpers: commands with <c>@name</c> parameters, and upserts of many rows per statement (one round
/// trip per hundred rows, which is what keeps a rebuild of 100,000 projects quick on PostgreSQL).</summary>
public static class SqlRows
{
    private const int RowsPerStatement = 100;

    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters) =>
        ReadModelSql.Command(connection, transaction, sql, parameters);

    /// <summary>INSERT ... ON CONFLICT (<paramref name="key"/>) DO UPDATE SET <paramref name="update"/>; rows must not
    /// repeat a key (PostgreSQL refuses to touch a row twice in one statement).</summary>
    public static async Task UpsertAsync(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, string key, string update,
        IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < rows.Count; offset += RowsPerStatement)
        {
            var chunk = rows.Skip(offset).Take(RowsPerStatement).ToList();
            var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
            var parameters = new List<(string, object?)>(chunk.Count * columns.Count);
            for (var r = 0; r < chunk.Count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{r}_{c}");
                    sql.Append(c == 0 ? name : ", " + name);
                    parameters.Add((name, chunk[r][c]));
                }

                sql.Append(')');
            }

            sql.Append(CultureInfo.InvariantCulture, $" ON CONFLICT ({key}) DO UPDATE SET {update}");
            await using var command = Command(connection, transaction, sql.ToString(), [.. parameters]);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>"a = excluded.a, b = excluded.b" for every column outside the key.</summary>
    public static string SetExcluded(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"{c} = excluded.{c}"));
}
