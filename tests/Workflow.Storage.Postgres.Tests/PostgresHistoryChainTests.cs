using Npgsql;

namespace Workflow.Storage.Postgres.Tests;

public sealed class PostgresHistoryChainTests(PostgresTestDatabase database)
    : HistoryChainConformanceTests, IClassFixture<PostgresTestDatabase>
{
    private readonly string schema = PostgresTestDatabase.NewSchemaName();

    protected override Task<StoreUnderTest> CreateStoreAsync() => Task.FromResult(StoreUnderTest.Of(database.CreateStore(schema)));

    protected override Task DeleteStorageAsync() => database.DropSchemaAsync(schema);

    protected override Task UpdateEventAsync(string streamId, long seq, string reason, byte[]? hash = null) =>
        ExecuteAsync(
            $"UPDATE \"{schema}\".events SET reason = $1, hash = coalesce($2, hash) WHERE stream_id = $3 AND seq = $4",
            reason, new NpgsqlParameter { Value = (object?)hash ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea }, streamId, seq);

    protected override Task DeleteEventAsync(string streamId, long seq) =>
        ExecuteAsync($"DELETE FROM \"{schema}\".events WHERE stream_id = $1 AND seq = $2", streamId, seq);

    protected override async Task WriteLegacyStreamAsync(string streamId, IReadOnlyList<StoredEvent> events)
    {
        await using (var dataSource = NpgsqlDataSource.Create(database.ConnectionString))
        {
            await PostgresMigrator.ApplyAsync(dataSource, schema, [.. SchemaMigrations.All.Where(m => m.Version < 3)], CancellationToken.None);
        }

        await ExecuteAsync($"INSERT INTO \"{schema}\".streams (stream_id, version, state_json, last_seq) VALUES ($1, 1, '{{}}', $2)", streamId, events[^1].Seq);
        foreach (var stored in events)
        {
            await ExecuteAsync(
                $"""
                INSERT INTO "{schema}".events (stream_id, seq, at_utc_ticks, at_offset_minutes, actor, kind, step, reason, facts_json)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                """,
                streamId, stored.Seq, stored.At.UtcTicks, (short)stored.At.Offset.TotalMinutes, stored.Actor, stored.Kind,
                (object?)stored.Step ?? DBNull.Value, (object?)stored.Reason ?? DBNull.Value, (object?)stored.FactsJson ?? DBNull.Value);
        }
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(value switch
            {
                NpgsqlParameter parameter => parameter,
                DBNull => new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                _ => new NpgsqlParameter { Value = value },
            });
        }

        await command.ExecuteNonQueryAsync();
    }
}
