using System.Data.Common;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using Workflow.Domain;
using Workflow.Projections;
using Workflow.Storage;

namespace Workflow.Grains.Tests;

/// <summary>The notices projection on an in-memory SQLite read model, its tables from the projection's own DDL.</summary>
public sealed class SqliteNoticesProjectionTests : NoticesProjectionTests
{
    protected override SqlDialect Dialect => SqlDialect.Sqlite;

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await ReadModelSql.ExecuteAsync(connection, null, NoticesSchema.Ddl, CancellationToken.None);
        return connection;
    }
}

/// <summary>The notices projection on PostgreSQL (LANDFLOW_TEST_POSTGRES, else the local server of scripts/postgres-up), in
/// a schema of its own whose tables come from the migration 0006_notices.sql itself.</summary>
public sealed class PostgresNoticesProjectionTests : NoticesProjectionTests
{
    private readonly string schema = "notices_test_" + Guid.NewGuid().ToString("N")[..12];

    protected override SqlDialect Dialect => SqlDialect.Postgres;

    protected override async Task<DbConnection> OpenAsync()
    {
        var server = Environment.GetEnvironmentVariable("LANDFLOW_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Username=landflow;Password=landflow;Database=postgres";
        var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await ReadModelSql.ExecuteAsync(connection, null, $"CREATE SCHEMA {schema}; SET search_path TO {schema};", CancellationToken.None);
        await ReadModelSql.ExecuteAsync(connection, null, File.ReadAllText(MigrationPath()), CancellationToken.None);
        return connection;
    }

    protected override async Task DropAsync(DbConnection connection) =>
        await ReadModelSql.ExecuteAsync(connection, null, $"DROP SCHEMA {schema} CASCADE", CancellationToken.None);
}

/// <summary>The notices projection's fold over a hand-made feed, on each read-model database.</summary>
public abstract class NoticesProjectionTests : IAsyncLifetime
{
    private const string Stream = "project/2603-330502-04-01-000001X";
    private static readonly DateTimeOffset At = new(2026, 4, 30, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly NoticesProjection projection = new(WorkflowEnvironment.Default());
    private DbConnection connection = null!;
    private long position;

    protected abstract SqlDialect Dialect { get; }

    protected abstract Task<DbConnection> OpenAsync();

    protected virtual Task DropAsync(DbConnection connection) => Task.CompletedTask;

    public async Task InitializeAsync() => connection = await OpenAsync();

    public async Task DisposeAsync()
    {
        await DropAsync(connection);
        await connection.DisposeAsync();
    }

    private FeedEvent Event(string stream, long seq, string kind, string? step, JsonObject? facts, string actor = "system", string? reason = null) =>
        new(new FeedPosition(0, ++position), stream, new StoredEvent(seq, At.AddMinutes(seq), actor, kind, step, reason, facts?.ToJsonString()));

    private IReadOnlyList<FeedEvent> History() =>
    [
        Event(Stream, 1, EventKinds.Registered, null, new JsonObject { ["template"] = "LAL_2020", ["version"] = 3, ["approvalLevel"] = "province", ["county"] = "330502" }),
        Event(Stream, 2, EventKinds.LiaisonAssigned, null, new JsonObject { ["liaison"] = "liaison-chen", ["previous"] = null }, "leader-li"),
        Event(Stream, 3, EventKinds.Start, "approval", null, "off-drc"),
        Event(Stream, 4, EventKinds.Light, "approval", new JsonObject { ["from"] = "green", ["to"] = "yellow" }),
        Event(Stream, 5, EventKinds.Light, "approval", new JsonObject { ["from"] = "yellow", ["to"] = "red" }),
        Event(Stream, 6, EventKinds.Chase, "approval", new JsonObject { ["by"] = "leader" }, "leader-li", "请尽快办理"),
        Event(Stream, 7, EventKinds.Light, "approval", new JsonObject { ["from"] = "red", ["to"] = "yellow" }),
        Event("inspection/i-1", 1, EventKinds.Light, null, new JsonObject
        {
            ["finding"] = "f-1", ["from"] = "yellow", ["to"] = "red", ["county"] = "330522", ["department"] = "finance", ["deadline"] = "2026-05-08",
        }),
    ];

    private async Task ApplyAsync(IReadOnlyList<FeedEvent> events)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await projection.ApplyAsync(new ProjectionBatch(connection, transaction, Dialect, events), CancellationToken.None);
        await transaction.CommitAsync();
    }

    private static string DepartmentOfApproval() =>
        WorkflowEnvironment.Default().Templates.Get("LAL_2020", 3).Step("approval").DepartmentFor("province");

    private Task<IReadOnlyList<NoticeRow>> InboxAsync(Actor actor) =>
        NoticeQueries.PageAsync(connection, NoticeAudiences.ReaderOf(actor)!, actor.Id, null, 100, false, CancellationToken.None);

    [Fact]
    public async Task Apply_LightsAndChase_AddressLiaisonDepartmentAndLeadersOncePerAudience()
    {
        await ApplyAsync(History());

        var department = DepartmentOfApproval();
        var liaison = await InboxAsync(new Actor("liaison-chen", Roles.Liaison));
        var officer = await InboxAsync(new Actor("off-x", Roles.Officer, Department: department, County: "330502"));
        var elsewhere = await InboxAsync(new Actor("off-y", Roles.Officer, Department: department, County: "330522"));
        var leader = await InboxAsync(new Actor("leader-li", Roles.Leader));
        var finance = await InboxAsync(new Actor("off-finance", Roles.Officer, Department: "finance"));

        Assert.Equal(["red", "yellow"], liaison.Select(n => n.Light));
        Assert.Equal([NoticeKinds.Chase, NoticeKinds.Light, NoticeKinds.Light], officer.Select(n => n.Kind));
        Assert.Equal("请尽快办理", officer[0].Reason);
        Assert.Empty(elsewhere);
        Assert.Equal([NoticeKinds.Finding, NoticeKinds.Light, NoticeKinds.Light], leader.Select(n => n.Kind));
        Assert.Equal("f-1", Assert.Single(finance).Step);
        Assert.All(liaison, n => Assert.Equal("2603-330502-04-01-000001X", n.ProjectCode));
    }

    [Fact]
    public async Task Apply_SameEventsTwice_DoublesNothing()
    {
        await ApplyAsync(History());
        var first = await CountAsync();

        await ApplyAsync(History());

        Assert.Equal(9, first);
        Assert.Equal(first, await CountAsync());
    }

    [Fact]
    public async Task Rebuild_GivesTheSameIdsAndKeepsReadMarks()
    {
        await ApplyAsync(History());
        var liaison = new Actor("liaison-chen", Roles.Liaison);
        var before = await InboxAsync(liaison);
        await NoticeQueries.MarkReadAsync(connection, liaison.Id, before[0], At, CancellationToken.None);
        var reader = NoticeAudiences.ReaderOf(liaison)!;
        Assert.Equal(1, await NoticeQueries.UnreadCountAsync(connection, reader, liaison.Id, CancellationToken.None));

        foreach (var table in projection.Tables)
        {
            await ReadModelSql.ExecuteAsync(connection, null, $"DELETE FROM {table}", CancellationToken.None);
        }

        await ApplyAsync(History());

        var after = await InboxAsync(liaison);
        Assert.Equal(before.Select(n => (n.Id, n.Seq)), after.Select(n => (n.Id, n.Seq)));
        Assert.True(after[0].Read);
        Assert.Equal(1, await NoticeQueries.UnreadCountAsync(connection, reader, liaison.Id, CancellationToken.None));
    }

    [Fact]
    public void Schema_IsTheSameAsThePostgresMigration()
    {
        var migration = File.ReadAllText(MigrationPath());

        Assert.Contains(Normalise(NoticesSchema.Ddl), Normalise(migration), StringComparison.Ordinal);
    }

    private async Task<long> CountAsync() =>
        await ReadModelSql.ScalarAsync<long>(connection, null, "SELECT COUNT(*) FROM notices", CancellationToken.None);

    private static string Normalise(string sql) => string.Join(' ', sql.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    protected static string MigrationPath() => Path.Combine(RepositoryRoot(), "grains/Workflow.Storage.Postgres/Migrations/0006_notices.sql");

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Workflow.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Workflow.sln not found above the test's directory.");
    }
}
