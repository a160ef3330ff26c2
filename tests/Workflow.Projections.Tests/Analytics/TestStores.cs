using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Npgsql;
using Workflow.Storage;
using Workflow.Storage.Postgres;
using Workflow.Storage.Sqlite;

namespace Workflow.Projections.Tests;

/// <summary>A real store for one test, as the silos run it: SQLite files in a directory of their own (the store and its
/// read-model file beside it), or a PostgreSQL schema of its own migrated by the store (LANDFLOW_TEST_POSTGRES, as
/// scripts/postgres-up prints it).</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly IAsyncDisposable owner;
    private readonly Func<Task> cleanup;

    private TestStore(IAggregateStore aggregates, IHistoryFeed feed, IReadModelDatabase readModels, IAsyncDisposable owner, Func<Task> cleanup)
    {
        Aggregates = aggregates;
        Feed = feed;
        ReadModels = readModels;
        this.owner = owner;
        this.cleanup = cleanup;
    }

    public IAggregateStore Aggregates { get; }

    public IHistoryFeed Feed { get; }

    public IReadModelDatabase ReadModels { get; }

    public static Task<TestStore> CreateAsync(SqlDialect dialect)
    {
        if (dialect == SqlDialect.Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory("landflow-analytics-").FullName;
            var options = new SqliteStoreOptions { DataDirectory = directory };
            var store = new SqliteStore(options);
            var readModels = new SqliteReadModelDatabase(options);
            return Task.FromResult(new TestStore(store, store, readModels, store, () =>
            {
                readModels.ReleasePooledConnections();
                SqliteConnection.ClearAllPools();
                Directory.Delete(directory, recursive: true);
                return Task.CompletedTask;
            }));
        }

        var connectionString = Environment.GetEnvironmentVariable("LANDFLOW_TEST_POSTGRES") is { Length: > 0 } value
            ? value : "Host=127.0.0.1;Username=landflow;Password=landflow;Database=postgres";
        var schema = "analytics_" + Guid.NewGuid().ToString("N")[..12];
        var postgres = new PostgresStore(new PostgresStoreOptions { ConnectionString = connectionString, Schema = schema });
        return Task.FromResult(new TestStore(postgres, postgres, postgres, postgres, async () =>
        {
            await using var admin = new NpgsqlConnection(connectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", admin);
            await drop.ExecuteNonQueryAsync();
        }));
    }

    /// <summary>Every event of <paramref name="streams"/>, read back through the store (IAggregateStore.ReadEventsAsync).</summary>
    public async Task<IReadOnlyList<FeedEvent>> ReadAllAsync(IEnumerable<string> streams)
    {
        var read = new ConcurrentBag<FeedEvent>();
        await Parallel.ForEachAsync(streams, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (stream, ct) =>
        {
            foreach (var e in await Aggregates.ReadEventsAsync(stream, cancellationToken: ct))
            {
                read.Add(new FeedEvent(default, stream, e));
            }
        });
        return [.. read];
    }

    public async ValueTask DisposeAsync()
    {
        await owner.DisposeAsync();
        await cleanup();
    }
}
