using System.Data.Common;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using Workflow.Domain;
using Workflow.Projections;
using Workflow.Storage;

namespace Workflow.Grains.Tests;

/// <summary>The land problems projection on an in-memory SQLite read model, its table from the projection's own DDL.</summary>
public sealed class SqliteLandProblemsProjectionTests : LandProblemsProjectionTests
{
    protected override SqlDialect Dialect => SqlDialect.Sqlite;

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await ReadModelSql.ExecuteAsync(connection, null, LandProblemsSchema.Ddl + NoticesSchema.Ddl, CancellationToken.None);
        return connection;
    }
}

/// <summary>The land problems projection on PostgreSQL (LANDFLOW_TEST_POSTGRES, else the local server of
/// scripts/postgres-up), in a schema of its own whose tables come from the migrations 0006 and 0008 themselves.</summary>
public sealed class PostgresLandProblemsProjectionTests : LandProblemsProjectionTests
{
    private readonly string schema = "problems_test_" + Guid.NewGuid().ToString("N")[..12];

    protected override SqlDialect Dialect => SqlDialect.Postgres;

    protected override async Task<DbConnection> OpenAsync()
    {
        var server = Environment.GetEnvironmentVariable("LANDFLOW_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Username=landflow;Password=landflow;Database=postgres";
        var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await ReadModelSql.ExecuteAsync(connection, null, $"CREATE SCHEMA {schema}; SET search_path TO {schema};", CancellationToken.None);
        await ReadModelSql.ExecuteAsync(connection, null, File.ReadAllText(MigrationPath("0008_land_problems.sql")), CancellationToken.None);
        await ReadModelSql.ExecuteAsync(connection, null, File.ReadAllText(MigrationPath("0006_notices.sql")), CancellationToken.None);
        return connection;
    }

    protected override async Task DropAsync(DbConnection connection) =>
        await ReadModelSql.ExecuteAsync(connection, null, $"DROP SCHEMA {schema} CASCADE", CancellationToken.None);
}

/// <summary>The land problems projection's fold over a hand-made feed, and the notices a problem's assignment and
/// resolution address, on each read-model database.</summary>
public abstract class LandProblemsProjectionTests : IAsyncLifetime
{
    private const string Wuxing = "330502";
    private const string Changxing = "330522";
    private static readonly DateTimeOffset At = new(2026, 4, 30, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly LandProblemsProjection projection = new();
    private readonly NoticesProjection notices = new(WorkflowEnvironment.Default());
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

    private FeedEvent Event(string code, long seq, string kind, JsonObject? facts, string actor, string? reason = null, string? step = null) =>
        new(new FeedPosition(0, ++position), "project/" + code, new StoredEvent(seq, At.AddMinutes(seq), actor, kind, step, reason, facts?.ToJsonString()));

    private static JsonObject Facts(int problem, string county, string? department = null, string? liaison = "liaison-chen") => new()
    {
        ["problem"] = problem, ["title"] = $"问题{problem}", ["county"] = county, ["name"] = "湖州南站", ["liaison"] = liaison, ["department"] = department,
    };

    private IReadOnlyList<FeedEvent> History() =>
    [
        Event("A", 1, EventKinds.ProblemRecorded, Facts(1, Wuxing), "liaison-chen", "graves", "survey"),
        Event("A", 2, EventKinds.ProblemAssigned, Facts(1, Wuxing, "natural-resources"), "liaison-chen", "请协调", "survey"),
        Event("A", 3, EventKinds.ProblemRecorded, Facts(2, Wuxing), "leader-li"),
        Event("A", 4, EventKinds.ProblemFollowed, Facts(1, Wuxing, "natural-resources"), "off-nr", "已约谈"),
        Event("A", 5, EventKinds.ProblemResolved, Facts(2, Wuxing), "liaison-chen", "已解决"),
        Event("B", 1, EventKinds.ProblemRecorded, Facts(1, Changxing, liaison: null), "leader-li"),
        Event("B", 2, EventKinds.LiaisonAssigned, new JsonObject { ["liaison"] = "liaison-wang" }, "leader-li"),
        Event("A", 6, EventKinds.ProblemResolved, Facts(1, Wuxing, "natural-resources"), "off-nr", "坟墓已迁移"),
        Event("A", 7, EventKinds.ProblemRecorded, Facts(3, Wuxing), "liaison-chen"),
        Event("A", 8, EventKinds.ProblemAssigned, Facts(3, Wuxing, "finance"), "liaison-chen"),
    ];

    private async Task ApplyAsync(IReadOnlyList<FeedEvent> events)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await projection.ApplyAsync(new ProjectionBatch(connection, transaction, Dialect, events), CancellationToken.None);
        await notices.ApplyAsync(new ProjectionBatch(connection, transaction, Dialect, events), CancellationToken.None);
        await transaction.CommitAsync();
    }

    private Task<IReadOnlyList<OpenLandProblemRow>> OpenAsync(Actor actor, string? county = null) =>
        LandProblemQueries.OpenAsync(connection, LandProblemScope.Of(actor)!.Narrow(county)!, CancellationToken.None);

    [Fact]
    public async Task Apply_Problems_LeavesTheOpenOnesPerCountyWithDepartmentAndLiaison()
    {
        await ApplyAsync(History());

        var leader = new Actor("leader-li", Roles.Leader);
        var open = await OpenAsync(leader);
        var counts = await LandProblemQueries.CountPerCountyAsync(connection, LandProblemScope.Everything, CancellationToken.None);

        Assert.Equal([("B", 1, (string?)null, "liaison-wang"), ("A", 3, "finance", "liaison-chen")], open.Select(p => (p.ProjectCode, p.Id, p.Department, p.Liaison!)));
        Assert.Equal(("问题3", "湖州南站"), (open[1].Title, open[1].ProjectName));
        Assert.Equal(1, counts[Wuxing]);
        Assert.Equal(1, counts[Changxing]);
        Assert.Equal(["B"], (await OpenAsync(leader, Changxing)).Select(p => p.ProjectCode));
        Assert.Equal(["A"], (await OpenAsync(new Actor("off-finance", Roles.Officer, Department: "finance"))).Select(p => p.ProjectCode));
        Assert.Empty(await OpenAsync(new Actor("off-finance", Roles.Officer, Department: "finance", County: Changxing)));
        Assert.Equal(["B"], (await OpenAsync(new Actor("liaison-wang", Roles.Liaison))).Select(p => p.ProjectCode));
    }

    [Fact]
    public async Task Apply_SameEventsTwice_DoublesNothing()
    {
        await ApplyAsync(History());
        await ApplyAsync(History());

        Assert.Equal(4, await ReadModelSql.ScalarAsync<long>(connection, null, "SELECT COUNT(*) FROM land_problems", CancellationToken.None));
        Assert.Equal(2, (await OpenAsync(new Actor("leader-li", Roles.Leader))).Count);
    }

    [Fact]
    public async Task Apply_AssignedAndResolved_TellTheDepartmentInTheCountyAndTheLiaisonWhenSomeoneElseResolves()
    {
        await ApplyAsync(History());

        var officer = await InboxAsync(new Actor("off-x", Roles.Officer, Department: "natural-resources", County: Wuxing));
        var elsewhere = await InboxAsync(new Actor("off-y", Roles.Officer, Department: "natural-resources", County: Changxing));
        var liaison = await InboxAsync(new Actor("liaison-chen", Roles.Liaison));

        var assigned = Assert.Single(officer);
        Assert.Equal((NoticeKinds.ProblemAssigned, "A", "湖州南站", "问题1: 请协调"), (assigned.Kind, assigned.ProjectCode, assigned.ProjectName, assigned.Reason));
        Assert.Empty(elsewhere);

        // Problem 2 the liaison resolved themselves: only problem 1's resolution, by the department, is told.
        var resolved = Assert.Single(liaison);
        Assert.Equal((NoticeKinds.ProblemResolved, "问题1: 坟墓已迁移"), (resolved.Kind, resolved.Reason));
    }

    [Fact]
    public void Schema_IsTheSameAsThePostgresMigration()
    {
        var migration = File.ReadAllText(MigrationPath("0008_land_problems.sql"));

        Assert.Contains(Normalise(LandProblemsSchema.Ddl), Normalise(migration), StringComparison.Ordinal);
    }

    private Task<IReadOnlyList<NoticeRow>> InboxAsync(Actor actor) =>
        NoticeQueries.PageAsync(connection, NoticeAudiences.ReaderOf(actor)!, actor.Id, null, 100, false, CancellationToken.None);

    private static string Normalise(string sql) => string.Join(' ', sql.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    protected static string MigrationPath(string file) => Path.Combine(RepositoryRoot(), "grains/Workflow.Storage.Postgres/Migrations", file);

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
