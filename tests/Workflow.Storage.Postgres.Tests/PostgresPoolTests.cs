using Workflow.Contracts;
using Npgsql;
using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Postgres.Tests;

/// <summary>A small pool makes concurrent requests wait for a connection; they never fail for want of one.</summary>
public sealed class PostgresPoolTests(PostgresTestDatabase database) : PostgresStoreTest(database)
{
    private const int PoolSize = 2;

    [Fact]
    public async Task Store_TwoHundredConcurrentOperationsOnAPoolOfTwo_AllSucceedWithinThePool()
    {
        var applicationName = "LandFlowPool" + Guid.NewGuid().ToString("N")[..8];
        var store = CreateStore(options => options.ConnectionString = new NpgsqlConnectionStringBuilder(Database.ConnectionString)
        {
            MaxPoolSize = PoolSize,
            ApplicationName = applicationName,
        }.ConnectionString);
        await store.InitializeAsync();

        // Commits (the writer's connection) and reads of three kinds (a pooled connection each), all at once.
        var operations = Enumerable.Range(0, 200).Select(i => (i % 4) switch
        {
            0 => (Task)store.CommitAsync(Commit($"pool/{i}", 0, [Event(1)], index: Project($"P{i}"))),
            1 => store.LoadAsync($"pool/{i - 1}"),
            2 => store.QueryAsync(new ProjectQuery(PageSize: 10)),
            _ => store.ReadEventsAsync($"pool/{i - 3}"),
        }).ToList();
        var all = Task.WhenAll(operations);

        var mostSessions = 0;
        while (!all.IsCompleted)
        {
            var sessions = Convert.ToInt32(await Database.ScalarAsync(
                $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = '{applicationName}'"),
                System.Globalization.CultureInfo.InvariantCulture);
            mostSessions = Math.Max(mostSessions, sessions);
        }

        await all.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(operations, operation => Assert.True(operation.IsCompletedSuccessfully));
        Assert.InRange(mostSessions, 0, PoolSize);
        Assert.Equal("50", Convert.ToString(await ScalarAsync("SELECT count(*) FROM {schema}.streams"), System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Infrastructure failures reach callers as <see cref="StoreUnavailableException"/>, which Orleans carries.</summary>
public sealed class PostgresUnavailableTests
{
    [Fact]
    public async Task Store_ServerUnreachable_ReadsAndCommitsThrowStoreUnavailableNotCommitted()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var store = new PostgresStore(new PostgresStoreOptions
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(PostgresTestServer.ConnectionString) { Port = closedPort, Timeout = 3 }.ConnectionString,
        });

        var read = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.LoadAsync("s"));
        var commit = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.CommitAsync(Commit("s", 0, [Event(1)])));

        Assert.False(read.MayHaveCommitted);
        Assert.False(commit.MayHaveCommitted);
        Assert.Null(read.InnerException);
    }
}
