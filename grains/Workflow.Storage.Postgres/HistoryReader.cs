using Npgsql;

namespace Workflow.Storage.Postgres;

/// <summary>The reads of the history verifier: event rows with their hashes, and streams page by page.</summary>
internal sealed class HistoryReader(NpgsqlDataSource dataSource)
{
    private const int ChunkSize = 1000;

    public async Task<StreamVerification> VerifyAsync(string streamId, long lastSeq, CancellationToken cancellationToken)
    {
        var walk = new HistoryChainWalk(streamId);
        while (true)
        {
            var rows = await ReadChainedEventsAsync(streamId, walk.LastSeq, cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0 || !rows.All(walk.Next) || rows.Count < ChunkSize)
            {
                return walk.Complete(lastSeq);
            }
        }
    }

    /// <summary>The stream's last seq, or 0 when there is no such stream.</summary>
    public async Task<long> LastSeqAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT last_seq FROM streams WHERE stream_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long lastSeq ? lastSeq : 0;
    }

    public async Task<HistoryVerificationPage> VerifyPageAsync(string? afterStreamId, int maxStreams, CancellationToken cancellationToken)
    {
        var after = afterStreamId ?? "";
        var streams = new List<(string StreamId, long LastSeq)>();
        await using (var page = dataSource.CreateCommand(
            "SELECT stream_id, last_seq FROM streams WHERE stream_id > $1 ORDER BY stream_id LIMIT $2"))
        {
            page.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after });
            page.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxStreams });
            await using var reader = await page.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                streams.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        long before;
        long total;
        await using (var count = dataSource.CreateCommand(
            "SELECT count(*), count(*) FILTER (WHERE stream_id <= $1) FROM streams"))
        {
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after });
            await using var reader = await count.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            total = reader.GetInt64(0);
            before = reader.GetInt64(1);
        }

        var verified = new List<StreamVerification>(streams.Count);
        foreach (var (streamId, lastSeq) in streams)
        {
            verified.Add(await VerifyAsync(streamId, lastSeq, cancellationToken).ConfigureAwait(false));
        }

        // Streams created between the two reads may make done exceed the total counted.
        var done = before + streams.Count;
        return new HistoryVerificationPage(verified, done, Math.Max(total, done), streams.Count < maxStreams ? null : streams[^1].StreamId);
    }

    private async Task<IReadOnlyList<ChainedEvent>> ReadChainedEventsAsync(string streamId, long afterSeq, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT seq, at_utc_ticks, at_offset_minutes, actor, kind, step, reason, facts_json, prev_hash, hash, state_delta
            FROM events
            WHERE stream_id = $1 AND seq > $2
            ORDER BY seq
            LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSeq });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = ChunkSize });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ChainedEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ChainedEvent(
                new StoredEvent(
                    reader.GetInt64(0),
                    Instants.FromStored(reader.GetInt64(1), reader.GetInt16(2)),
                    reader.GetString(3),
                    reader.GetString(4),
                    Nullable<string>(reader, 5),
                    Nullable<string>(reader, 6),
                    Nullable<string>(reader, 7),
                    Nullable<string>(reader, 10)),
                Nullable<byte[]>(reader, 8),
                Nullable<byte[]>(reader, 9)));
        }

        return rows;
    }

    private static T? Nullable<T>(NpgsqlDataReader reader, int ordinal)
        where T : class =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
}
