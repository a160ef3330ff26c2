using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Workflow.Storage.Sqlite;

/// <summary>
/// Schema version 6: every stream's state, until now rewritten whole in its <c>streams</c> row, becomes the stream's
/// snapshot at its last seq, and the row keeps only version and seq. Chunks in stream order, with progress; all in
/// the migration's transaction, so a crash or a failure part-way leaves the old layout whole for either build.
/// </summary>
internal static class SnapshotBackfill
{
    private const int ChunkSize = 2000;

    public static void Run(SqliteConnection connection, SqliteTransaction transaction, Action<string>? progress)
    {
        var total = Convert.ToInt64(Scalar(connection, transaction, "SELECT count(*) FROM streams;", null), CultureInfo.InvariantCulture);
        var done = 0L;
        var reported = -1L;
        var after = "";
        while (Scalar(connection, transaction,
            "SELECT max(stream_id) FROM (SELECT stream_id FROM streams WHERE stream_id > $after ORDER BY stream_id LIMIT " + ChunkSize + ");",
            after) is string last)
        {
            done += Execute(connection, transaction, """
                INSERT INTO stream_snapshots (stream_id, seq, state_json, state_zlib, state_bytes)
                SELECT stream_id, last_seq, state_json, state_zlib, state_bytes
                FROM streams WHERE stream_id > $after AND stream_id <= $last;
                """, after, last);
            Execute(connection, transaction, """
                UPDATE streams SET state_json = '', state_zlib = NULL, state_bytes = NULL
                WHERE stream_id > $after AND stream_id <= $last;
                """, after, last);
            after = last;
            var tenth = total == 0 ? 10 : done * 10 / total;
            if (tenth != reported)
            {
                reported = tenth;
                progress?.Invoke($"Moving stream states to snapshots: {done:N0} of {total:N0} streams.");
            }
        }
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, string after, string last)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$last", last);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql, string? after)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (after is not null)
        {
            command.Parameters.AddWithValue("$after", after);
        }

        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }
}
