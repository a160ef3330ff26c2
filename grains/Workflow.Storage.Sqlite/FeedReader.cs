namespace Workflow.Storage.Sqlite;

/// <summary>The history feed of one SQLite file (its events in commit order, schema version 7), read on pooled reader
/// connections.</summary>
internal sealed class FeedReader(SqliteConnectionFactory connections)
{
    public IReadOnlyList<FeedEvent> Read(FeedPosition after, int max)
    {
        using var connection = connections.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT position, stream_id, seq, at, actor, kind, step, reason, facts_json
            FROM events
            WHERE position > $after
            ORDER BY position
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
        command.CommandText = "SELECT count(*) FROM events WHERE position > $after;";
        command.Parameters.AddWithValue("$after", after.Position);
        return (long)command.ExecuteScalar()!;
    }
}
