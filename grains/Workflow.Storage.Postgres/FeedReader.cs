using Npgsql;

namespace Workflow.Storage.Postgres;

/// <summary>
/// The history feed: rows of transactions that have ended (below the oldest transaction still running), in (tx,
/// position) order, so a commit still in flight elsewhere can never be skipped (see migration 0004). The bound is the
/// server's: a long write transaction anywhere on it, even in another database, holds the feed back (never loses it)
/// until it ends.
/// </summary>
internal sealed class FeedReader(NpgsqlDataSource dataSource)
{
    private const string Visible = "f.tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

    public async Task<IReadOnlyList<FeedEvent>> ReadAsync(FeedPosition after, int max, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT f.tx, f.position, f.stream_id, e.seq, e.at_utc_ticks, e.at_offset_minutes, e.actor, e.kind, e.step, e.reason, e.facts_json
            FROM history_feed f
            JOIN events e ON e.stream_id = f.stream_id AND e.seq = f.seq
            WHERE (f.tx, f.position) > ($1, $2) AND {Visible}
            ORDER BY f.tx, f.position
            LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = after.Tx });
        command.Parameters.Add(new NpgsqlParameter { Value = after.Position });
        command.Parameters.Add(new NpgsqlParameter { Value = max });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<FeedEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new FeedEvent(
                new FeedPosition(reader.GetInt64(0), reader.GetInt64(1)),
                reader.GetString(2),
                new StoredEvent(
                    reader.GetInt64(3),
                    Instants.FromStored(reader.GetInt64(4), reader.GetInt16(5)),
                    reader.GetString(6),
                    reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9),
                    reader.IsDBNull(10) ? null : reader.GetString(10))));
        }

        return events;
    }

    public async Task<long> CountAfterAsync(FeedPosition after, CancellationToken cancellationToken)
    {
        // Committed rows held back behind a running transaction count too: they are still to be applied.
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM history_feed f WHERE (f.tx, f.position) > ($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = after.Tx });
        command.Parameters.Add(new NpgsqlParameter { Value = after.Position });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
