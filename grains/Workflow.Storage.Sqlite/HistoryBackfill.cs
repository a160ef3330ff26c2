using Microsoft.Data.Sqlite;

namespace Workflow.Storage.Sqlite;

/// <summary>
/// Chains the events written before the history had hashes (schema version 4), stream by stream in seq order,
/// exactly as the writer chains new ones. Only rows without a hash are written, so running it again changes nothing.
/// </summary>
internal static class HistoryBackfill
{
    private const int ChunkSize = 1000;

    public static void Run(SqliteConnection connection, SqliteTransaction transaction, Action<string>? progress)
    {
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE events SET prev_hash = $prev_hash, hash = $hash WHERE stream_id = $stream_id AND seq = $seq AND hash IS NULL;";
        var prevHash = update.Parameters.Add("$prev_hash", SqliteType.Blob);
        var hash = update.Parameters.Add("$hash", SqliteType.Blob);
        var streamParameter = update.Parameters.Add("$stream_id", SqliteType.Text);
        var seqParameter = update.Parameters.Add("$seq", SqliteType.Integer);

        // Keyset pages: rows are read, then written, never both at once on one table.
        var afterStream = "";
        var afterSeq = long.MaxValue;
        string? stream = null;
        var previous = HistoryChain.Genesis.ToArray();
        while (true)
        {
            var rows = ReadChunk(connection, transaction, afterStream, afterSeq);
            if (rows.Count == 0)
            {
                return;
            }

            foreach (var (streamId, stored, storedHash) in rows)
            {
                if (!string.Equals(stream, streamId, StringComparison.Ordinal))
                {
                    stream = streamId;
                    previous = HistoryChain.Genesis.ToArray();
                }

                var linked = storedHash ?? HistoryChain.Link(previous, streamId, stored);
                if (storedHash is null)
                {
                    prevHash.Value = previous;
                    hash.Value = linked;
                    streamParameter.Value = streamId;
                    seqParameter.Value = stored.Seq;
                    update.ExecuteNonQuery();
                }

                previous = linked;
                afterStream = streamId;
                afterSeq = stored.Seq;
            }
        }
    }

    private static List<(string StreamId, StoredEvent Event, byte[]? Hash)> ReadChunk(
        SqliteConnection connection, SqliteTransaction transaction, string afterStream, long afterSeq)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT stream_id, seq, at, actor, kind, step, reason, facts_json, hash
            FROM events
            WHERE stream_id > $after_stream OR (stream_id = $after_stream AND seq > $after_seq)
            ORDER BY stream_id, seq
            LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$after_stream", afterStream);
        command.Parameters.AddWithValue("$after_seq", afterSeq);
        command.Parameters.AddWithValue("$limit", ChunkSize);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, StoredEvent, byte[]?)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), StoreReader.EventAt(reader, 1), reader.IsDBNull(8) ? null : (byte[])reader.GetValue(8)));
        }

        return rows;
    }
}
