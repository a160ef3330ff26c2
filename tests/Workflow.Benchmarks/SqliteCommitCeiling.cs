using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Workflow.Benchmarks;

/// <summary>The store's raw commit rate: rows the size of one history event (about 300 bytes) into a table shaped
/// like <c>events</c>, on a file with the store's own pragmas (WAL, synchronous=FULL, busy_timeout 5 s), one row per
/// transaction and <c>batch</c> rows per transaction, from 1, 2 or 4 concurrent writers; the best of each is kept.</summary>
public static class SqliteCommitCeiling
{
    private const string Facts = """{"signedHouseholds":12,"depositedYuan":9600000,"note":"a benchmark row of the size of one history event of a project, about three hundred bytes in all, facts included"}""";

    public static async Task<Dictionary<string, double>> RunAsync(double seconds, int batch)
    {
        var result = new Dictionary<string, double>();
        foreach (var (label, rowsPerTransaction, writerCounts) in new[] { ("single", 1, new[] { 1, 2, 4 }), ("batched", batch, new[] { 1, 2 }) })
        {
            await CommitCeilings.RecordBestAsync(result, label, writerCounts, writers => Task.FromResult(Measure(writers, rowsPerTransaction, seconds)));
        }

        result["rowBytes"] = RowBytes();
        return result;
    }

    private static double Measure(int writers, int rowsPerTransaction, double seconds)
    {
        var directory = Directory.CreateTempSubdirectory("landflow-sqlite-ceiling-");
        try
        {
            var path = Path.Combine(directory.FullName, "ceiling.db");
            using (var setup = Open(path))
            {
                Execute(setup, """
                    CREATE TABLE events (
                        stream_id  TEXT    NOT NULL,
                        seq        INTEGER NOT NULL,
                        at         TEXT    NOT NULL,
                        actor      TEXT    NOT NULL,
                        kind       TEXT    NOT NULL,
                        step       TEXT,
                        reason     TEXT,
                        facts_json TEXT,
                        PRIMARY KEY (stream_id, seq)
                    ) WITHOUT ROWID;
                    """);
            }

            using var start = new Barrier(writers + 1);
            var deadline = 0L;
            var counts = new long[writers];
            var threads = Enumerable.Range(0, writers).Select(w => new Thread(() =>
            {
                using var connection = Open(path);
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO events (stream_id, seq, at, actor, kind, step, reason, facts_json) VALUES ($s, $q, $a, 'off-gov', 'complete', 'compensation_plan', NULL, $f)";
                var stream = insert.Parameters.Add("$s", SqliteType.Text);
                var seq = insert.Parameters.Add("$q", SqliteType.Integer);
                var at = insert.Parameters.Add("$a", SqliteType.Text);
                insert.Parameters.AddWithValue("$f", Facts);
                insert.Prepare();
                start.SignalAndWait();
                long n = 0;
                while (Stopwatch.GetTimestamp() < Volatile.Read(ref deadline))
                {
                    using var transaction = connection.BeginTransaction(deferred: false);
                    insert.Transaction = transaction;
                    for (var i = 0; i < rowsPerTransaction; i++, n++)
                    {
                        stream.Value = string.Create(CultureInfo.InvariantCulture, $"project/2611-330502-20-01-{w:D2}{n / 1000 % 1000:D3}X");
                        seq.Value = n;
                        at.Value = "2026-11-27T13:01:43.4533220+08:00";
                        insert.ExecuteNonQuery();
                    }

                    transaction.Commit();
                }

                counts[w] = n;
            }) { IsBackground = true }).ToList();
            threads.ForEach(t => t.Start());
            Volatile.Write(ref deadline, Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency));
            var began = Stopwatch.GetTimestamp();
            start.SignalAndWait();
            threads.ForEach(t => t.Join());
            var elapsed = Stopwatch.GetElapsedTime(began).TotalSeconds;
            return counts.Sum() / elapsed;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Cache = SqliteCacheMode.Private }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON; PRAGMA journal_size_limit=67108864; PRAGMA temp_store=MEMORY;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static double RowBytes() =>
        "project/2611-330502-20-01-00000X".Length + 8 + "2026-11-27T13:01:43.4533220+08:00".Length + "off-gov".Length + "complete".Length + "compensation_plan".Length + Facts.Length;
}
