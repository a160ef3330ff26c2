namespace Workflow.Storage.Sqlite;

/// <summary>The history feed of one SQLite file, read on pooled reader connections.</summary>
internal sealed class FeedReader(SqliteConnectionFactory connections)
{
    public IReadOnlyList<FeedEvent> Read(FeedPosition after, int max)
    {
        using var connection = connections.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT f.position, f.stream_id, e.seq, e.at, e.actor, e.kind, e.step, e.reason, e.facts_json
            FROM history_feed f
            JOIN events e ON e.stream_id = f.stream_id AND e.seq = f.seq
            WHERE f.position > $after
            ORDER BY f.position
            LIMIT $max;
            """;
        command.Parameters.AddWithValue("$after", after.Position);
        command.Parameters.AddWithValue("$max", max);
        using var reader = command.ExecuteReader();
        var events = new List<FeedEvent>();
        while (reader.Read())
        {
            events.Add(new FeedEvent(new FeedPosition(0, reader.GetInt64(0)), reader.GetString(1), StoreReader.EventAt(reader, 2)));
        }

        return events;
    }

    public long CountAfter(FeedPosition after)
    {
        using var connection = connections.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM history_feed WHERE position > $after;";
        command.Parameters.AddWithValue("$after", after.Position);
        return (long)command.ExecuteScalar()!;
    }
}
