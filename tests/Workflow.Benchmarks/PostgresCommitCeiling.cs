using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Workflow.Benchmarks;

/// <summary>PostgreSQL's raw commit rate on this machine: rows the size of one history event into a table shaped like
/// the store's <c>events</c> (same columns, key and collation; no foreign key), with the server's
/// <c>synchronous_commit</c> as the store runs it (on: each commit waits for its WAL flush). One row per transaction
/// (one INSERT each), and <c>batch</c> rows per transaction as the store's writer sends them (one INSERT over
/// <c>unnest</c> of arrays); from several concurrent writers, each its own connection; the best of each is kept.</summary>
public static class PostgresCommitCeiling
{
    private const string Facts = """{"signedHouseholds":12,"depositedYuan":9600000,"note":"a benchmark row of the size of one history event of a project, about three hundred bytes in all, facts included"}""";
    private const long AtTicks = 639_000_000_000_000_000;

    public static async Task<Dictionary<string, double>> RunAsync(string adminConnectionString, double seconds, int batch)
    {
        var server = new PostgresServer(adminConnectionString);
        var result = new Dictionary<string, double>();
        var database = await server.CreateDatabaseAsync("ceiling");
        try
        {
            await using (var setup = new NpgsqlConnection(database))
            {
                await setup.OpenAsync();
                await using var create = new NpgsqlCommand("""
                    CREATE TABLE events (
                        stream_id         text COLLATE "C" NOT NULL,
                        seq               bigint   NOT NULL,
                        at_utc_ticks      bigint   NOT NULL,
                        at_offset_minutes smallint NOT NULL,
                        actor             text     NOT NULL,
                        kind              text     NOT NULL,
                        step              text,
                        reason            text,
                        facts_json        text,
                        PRIMARY KEY (stream_id, seq)
                    );
                    """, setup);
                await create.ExecuteNonQueryAsync();
                await using var show = new NpgsqlCommand("SHOW synchronous_commit", setup);
                result["synchronousCommitOn"] = (string)(await show.ExecuteScalarAsync())! == "on" ? 1 : 0;
            }

            var run = 0;
            foreach (var (label, rowsPerTransaction, writerCounts) in new[] { ("single", 1, new[] { 1, 4, 16 }), ("batched", batch, new[] { 1, 2, 4 }) })
            {
                await CommitCeilings.RecordBestAsync(result, label, writerCounts, writers => MeasureAsync(database, writers, rowsPerTransaction, seconds, run++));
            }
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }

        result["rowBytes"] = "project/2611-330502-20-01-00000X".Length + 8 + 8 + 2 + "off-gov".Length + "complete".Length + "compensation_plan".Length + Facts.Length;
        return result;
    }

    private static async Task<double> MeasureAsync(string database, int writers, int rowsPerTransaction, double seconds, int run)
    {
        var connections = new List<NpgsqlConnection>();
        try
        {
            for (var w = 0; w < writers; w++)
            {
                var connection = new NpgsqlConnection(database);
                await connection.OpenAsync();
                connections.Add(connection);
            }

            var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
            var began = Stopwatch.GetTimestamp();
            var counts = await Task.WhenAll(connections.Select((connection, w) => rowsPerTransaction == 1
                ? SingleRowsAsync(connection, run, w, deadline)
                : BatchesAsync(connection, run, w, rowsPerTransaction, deadline)));
            return counts.Sum() / Stopwatch.GetElapsedTime(began).TotalSeconds;
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    // Autocommit: one statement, one transaction, one WAL flush waited for.
    private static async Task<long> SingleRowsAsync(NpgsqlConnection connection, int run, int writer, long deadline)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO events (stream_id, seq, at_utc_ticks, at_offset_minutes, actor, kind, step, reason, facts_json) VALUES ($1, $2, $3, 480, 'off-gov', 'complete', 'compensation_plan', NULL, $4)",
            connection);
        var stream = new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = "" };
        var seq = new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint };
        insert.Parameters.Add(stream);
        insert.Parameters.Add(seq);
        insert.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = AtTicks });
        insert.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = Facts });
        await insert.PrepareAsync();
        long n = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            stream.TypedValue = StreamOf(run, writer, n);
            seq.TypedValue = n;
            await insert.ExecuteNonQueryAsync();
            n++;
        }

        return n;
    }

    // As the store's writer: one statement over arrays for all the rows of the transaction, then COMMIT.
    private static async Task<long> BatchesAsync(NpgsqlConnection connection, int run, int writer, int rows, long deadline)
    {
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO events (stream_id, seq, at_utc_ticks, at_offset_minutes, actor, kind, step, reason, facts_json)
            SELECT s, q, a, 480, 'off-gov', 'complete', 'compensation_plan', NULL, f FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[]) AS t(s, q, a, f)
            """,
            connection);
        var streams = new string[rows];
        var seqs = new long[rows];
        var ats = Enumerable.Repeat(AtTicks, rows).ToArray();
        var facts = Enumerable.Repeat(Facts, rows).ToArray();
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = streams });
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = seqs });
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ats });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = facts });
        await insert.PrepareAsync();
        long n = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            for (var i = 0; i < rows; i++, n++)
            {
                streams[i] = StreamOf(run, writer, n);
                seqs[i] = n;
            }

            await using var transaction = await connection.BeginTransactionAsync();
            insert.Transaction = transaction;
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        return n;
    }

    // About 30 events per stream, as a project's history runs; the run number keeps keys apart between measurements.
    private static string StreamOf(int run, int writer, long n) =>
        string.Create(CultureInfo.InvariantCulture, $"project/2611-330502-20-{run:D2}-{writer:D2}{n / 30 % 100_000:D5}X");
}
