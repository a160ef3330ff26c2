using System.Globalization;
using Microsoft.Data.Sqlite;
using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Sqlite.Tests;

public sealed class SqliteSchemaTests : IDisposable
{
    private readonly SqliteTestDirectory directory = new();

    [Fact]
    public async Task InitializeAsync_NewDirectory_CreatesDatabaseInWalModeAtLatestVersion()
    {
        await using var store = directory.CreateStore();

        await store.InitializeAsync();

        Assert.Equal(Path.Combine(directory.Path, "landflow.db"), store.DatabasePath);
        Assert.True(File.Exists(store.DatabasePath));
        using var connection = OpenRaw(store.DatabasePath);
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal(SchemaMigrations.LatestVersion.ToString(CultureInfo.InvariantCulture), Scalar(connection, "SELECT max(version) FROM schema_version;"));
    }

    [Fact]
    public async Task InitializeAsync_ExistingDatabase_RunsNoMigrationTwiceAndKeepsData()
    {
        await using (var first = directory.CreateStore())
        {
            await first.CommitAsync(Commit("s", 0, [Event(1)]));
        }

        await using var second = directory.CreateStore();
        await second.InitializeAsync();
        await second.InitializeAsync();

        using var connection = OpenRaw(second.DatabasePath);
        Assert.Equal(SchemaMigrations.All.Count.ToString(CultureInfo.InvariantCulture), Scalar(connection, "SELECT count(*) FROM schema_version;"));
        Assert.NotNull(await second.LoadAsync("s"));
    }

    [Fact]
    public void SchemaMigrator_MigrationAppendedLater_AppliesOnlyTheNewOneAndIsIdempotent()
    {
        Directory.CreateDirectory(directory.Path);
        using var connection = OpenRaw(Path.Combine(directory.Path, "landflow.db"));
        var first = SchemaMigrator.Apply(connection, SchemaMigrations.All);
        var extended = SchemaMigrations.All.Append(new SchemaMigration(first + 1, "extra", "CREATE TABLE extra (id INTEGER PRIMARY KEY);")).ToList();

        var second = SchemaMigrator.Apply(connection, extended);
        var third = SchemaMigrator.Apply(connection, extended);

        Assert.Equal(SchemaMigrations.LatestVersion, first);
        Assert.Equal(first + 1, second);
        Assert.Equal(second, third);
        Assert.Equal("1", Scalar(connection, "SELECT count(*) FROM sqlite_schema WHERE name = 'extra';"));
    }

    [Fact]
    public async Task InitializeAsync_DatabaseAtVersion2WithStreams_AddsTheArchiveAndKeepsThem()
    {
        Directory.CreateDirectory(directory.Path);
        using (var connection = OpenRaw(Path.Combine(directory.Path, "landflow.db")))
        {
            Assert.Equal(2, SchemaMigrator.Apply(connection, SchemaMigrations.All.Take(2).ToList()));
            Scalar(connection, "INSERT INTO streams (stream_id, version, state_json, last_seq) VALUES ('ledger/old', 3, '{}', 0);");
        }

        SqliteConnection.ClearAllPools();
        await using var store = directory.CreateStore();
        await store.CommitAsync(Commit("ledger/old", 3, [Event(1)], archive: [Record("r/1")]));

        Assert.Equal(4, (await store.LoadAsync("ledger/old"))!.Version);
        Assert.Equal("""{"key":"r/1"}""", await store.LoadArchivedAsync("ledger/old", "r/1"));
        using var check = OpenRaw(store.DatabasePath);
        Assert.Equal(SchemaMigrations.LatestVersion.ToString(CultureInfo.InvariantCulture), Scalar(check, "SELECT max(version) FROM schema_version;"));
    }

    [Fact]
    public async Task InitializeAsync_DatabaseFromNewerBuild_Throws()
    {
        await using (var first = directory.CreateStore())
        {
            await first.InitializeAsync();
        }

        using (var connection = OpenRaw(Path.Combine(directory.Path, "landflow.db")))
        {
            Scalar(connection, "INSERT INTO schema_version (version, description) VALUES (999, 'from the future');");
        }

        SqliteConnection.ClearAllPools();
        await using var second = directory.CreateStore();
        await Assert.ThrowsAsync<InvalidOperationException>(() => second.InitializeAsync());
    }

    [Fact]
    public void OpenWriter_DefaultOptions_SetsFullSyncBusyTimeoutAndForeignKeys()
    {
        var factory = new SqliteConnectionFactory(new SqliteStoreOptions { DataDirectory = directory.Path });

        using var writer = factory.OpenWriter();

        Assert.Equal("2", Scalar(writer, "PRAGMA synchronous;"));
        Assert.Equal(SqliteConnectionFactory.BusyTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture), Scalar(writer, "PRAGMA busy_timeout;"));
        Assert.Equal("1", Scalar(writer, "PRAGMA foreign_keys;"));
    }

    [Theory]
    [InlineData("county")]
    [InlineData("state")]
    [InlineData("light")]
    [InlineData("liaison")]
    [InlineData("ownerUscc")]
    [InlineData("step")]
    public async Task QueryPlan_OneFilter_SearchesAnIndexInCodeOrderWithoutScanningOrSorting(string field)
    {
        await using var store = directory.CreateStore();
        await store.InitializeAsync();
        var filter = new ProjectFilter(field switch
        {
            "county" => new ProjectQuery(County: "x"),
            "state" => new ProjectQuery(State: "x"),
            "light" => new ProjectQuery(Light: "x"),
            "liaison" => new ProjectQuery(Liaison: "x"),
            "ownerUscc" => new ProjectQuery(OwnerUscc: "x"),
            _ => new ProjectQuery(Step: "x"),
        });
        using var connection = OpenRaw(store.DatabasePath);

        var countPlan = Plan(connection, filter, filter.CountSql);
        var pagePlan = Plan(connection, filter, filter.PageSql("p.*"));

        Assert.DoesNotContain(countPlan.Concat(pagePlan), line => line.StartsWith("SCAN ", StringComparison.Ordinal));
        Assert.DoesNotContain(pagePlan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.Contains(pagePlan, line => line.Contains("INDEX", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QueryPlan_StepWithAnotherFilter_SearchesIndexesOnly()
    {
        await using var store = directory.CreateStore();
        await store.InitializeAsync();
        var filter = new ProjectFilter(new ProjectQuery(Step: "survey", County: "Anning", Light: "Red"));
        using var connection = OpenRaw(store.DatabasePath);

        var plans = Plan(connection, filter, filter.CountSql).Concat(Plan(connection, filter, filter.PageSql("p.*")));

        Assert.DoesNotContain(plans, line => line.StartsWith("SCAN ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InitializeAsync_ExistingProjects_GivesThePlannerStatisticsForProjectTables()
    {
        await using (var first = directory.CreateStore())
        {
            await first.CommitAsync(Commit("project/P1", 0, [Event(1)], index: Project("P1", openSteps: ["survey"])));
        }

        await using var second = directory.CreateStore();
        await second.InitializeAsync();

        using var connection = OpenRaw(second.DatabasePath);
        Assert.Equal("1", Scalar(connection, "SELECT count(*) > 0 FROM sqlite_stat1 WHERE tbl = 'projects';"));
        Assert.Equal("1", Scalar(connection, "SELECT count(*) > 0 FROM sqlite_stat1 WHERE tbl = 'project_open_steps';"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    private static SqliteConnection OpenRaw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<string> Plan(SqliteConnection connection, ProjectFilter filter, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        filter.Bind(command);
        if (sql.Contains("$limit", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$limit", 20);
            command.Parameters.AddWithValue("$offset", 0);
        }

        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(3));
        }

        return lines;
    }
}
