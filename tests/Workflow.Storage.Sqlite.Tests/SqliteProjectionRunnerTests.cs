using Workflow.Projections;
using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Sqlite.Tests;

public sealed class SqliteProjectionRunnerTests : ProjectionRunnerConformanceTests
{
    private readonly SqliteTestDirectory directory = new();
    private readonly List<SqliteReadModelDatabase> readModels = [];

    protected override Task<StoreUnderTest> CreateStoreAsync()
    {
        var options = new SqliteStoreOptions { DataDirectory = directory.Path };
        var readModel = new SqliteReadModelDatabase(options);
        readModels.Add(readModel);
        return Task.FromResult(StoreUnderTest.Of(new SqliteStore(options)).WithReadModels(readModel));
    }

    [Fact]
    public async Task CatchUpAsync_ReadModelFileFromBeforeVersions_CountsAsVersionOneAndIsRebuilt()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("project/A", 0, [Event(1), Event(2)]));

        // A read-model file as a build before projection versions left it: no version column, the checkpoint past
        // every event, and none of them in the table (as a table added by the newer version would be).
        await using (var connection = await store.ReadModels.OpenAsync())
        {
            await ReadModelSql.ExecuteAsync(connection, null, """
                CREATE TABLE projection_checkpoints (name text NOT NULL PRIMARY KEY, tx bigint NOT NULL, position bigint NOT NULL, applied bigint NOT NULL DEFAULT 0, updated_at bigint NOT NULL);
                INSERT INTO projection_checkpoints (name, tx, position, applied, updated_at) VALUES ('seen', 0, 1000, 2, 1);
                """, CancellationToken.None);
        }

        var unchanged = await new ProjectionRunner(new Seen(version: 1), store.Feed, store.ReadModels, TimeProvider.System).CatchUpAsync();
        var rebuilt = await new ProjectionRunner(new Seen(version: 2), store.Feed, store.ReadModels, TimeProvider.System).CatchUpAsync();

        Assert.Equal(0, unchanged);
        Assert.Equal(2, rebuilt);
        await using var check = await store.ReadModels.OpenAsync();
        Assert.Equal(2, await ReadModelSql.ScalarAsync<long>(check, null, "SELECT count(*) FROM test_seen", CancellationToken.None));
        Assert.Equal(2, await ReadModelSql.ScalarAsync<long>(check, null, "SELECT version FROM projection_checkpoints WHERE name = 'seen'", CancellationToken.None));
    }

    protected override Task DeleteStorageAsync()
    {
        foreach (var readModel in readModels)
        {
            readModel.ReleasePooledConnections();
        }

        directory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Records the events it is given.</summary>
    private sealed class Seen(int version) : IProjection
    {
        public string Name => "seen";

        public int Version => version;

        public string SqliteSchema => "CREATE TABLE IF NOT EXISTS test_seen (stream_id text NOT NULL, seq bigint NOT NULL, PRIMARY KEY (stream_id, seq));";

        public IReadOnlyList<string> Tables => ["test_seen"];

        public async Task ApplyAsync(ProjectionBatch batch, CancellationToken cancellationToken)
        {
            foreach (var fed in batch.Events)
            {
                await batch.ExecuteAsync("INSERT INTO test_seen (stream_id, seq) VALUES (@stream, @seq)", cancellationToken, ("@stream", fed.StreamId), ("@seq", fed.Event.Seq));
            }
        }
    }
}
