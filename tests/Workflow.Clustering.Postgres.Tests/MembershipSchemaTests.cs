using Npgsql;

namespace Workflow.Clustering.Postgres.Tests;

public sealed class MembershipSchemaTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    [Fact]
    public async Task InitializeMembershipTable_FreshDatabase_CreatesSchemaAndRecordsVersion()
    {
        await using var table = TestEntries.Table(database.ConnectionString, TestEntries.NewClusterId(), schema: "fresh");

        await table.InitializeMembershipTable(true);

        Assert.Equal(1, await database.ScalarAsync<int>("SELECT max(version) FROM fresh.membership_schema_version;"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM fresh.membership_cluster;"));
        Assert.Equal(0L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'membership%';"));
    }

    [Fact]
    public async Task InitializeMembershipTable_ManySilosAtOnce_AppliesEachMigrationOnce()
    {
        var tables = Enumerable.Range(0, 8)
            .Select(_ => TestEntries.Table(database.ConnectionString, TestEntries.NewClusterId(), schema: "racing"))
            .ToList();
        try
        {
            await Task.WhenAll(tables.Select(t => t.InitializeMembershipTable(true)));

            Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM racing.membership_schema_version;"));
            Assert.Equal(8L, await database.ScalarAsync<long>("SELECT count(*) FROM racing.membership_cluster;"));
        }
        finally
        {
            foreach (var table in tables)
            {
                await table.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task InitializeMembershipTable_SchemaAlreadyCurrent_ChangesNothing()
    {
        await using var first = TestEntries.Table(database.ConnectionString, TestEntries.NewClusterId(), schema: "again");
        await first.InitializeMembershipTable(true);
        var applied = await database.ScalarAsync<DateTime>("SELECT applied_at FROM again.membership_schema_version WHERE version = 1;");

        await using var second = TestEntries.Table(database.ConnectionString, TestEntries.NewClusterId(), schema: "again");
        await second.InitializeMembershipTable(true);

        Assert.Equal(applied, await database.ScalarAsync<DateTime>("SELECT applied_at FROM again.membership_schema_version WHERE version = 1;"));
    }

    [Fact]
    public async Task InitializeMembershipTable_SchemaNewerThanBuild_Throws()
    {
        await using var table = TestEntries.Table(database.ConnectionString, TestEntries.NewClusterId(), schema: "future");
        await table.InitializeMembershipTable(true);
        await database.ScalarAsync<int>("INSERT INTO future.membership_schema_version (version, description) VALUES (99, 'from a later build');");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => table.InitializeMembershipTable(true));

        Assert.Contains("99", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeMembershipTable_WithoutTryInit_CreatesNoVersionRow()
    {
        await using var table = TestEntries.Table(database.ConnectionString, TestEntries.NewClusterId(), schema: "clientside");

        await table.InitializeMembershipTable(tryInitTableVersion: false);

        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM clientside.membership_cluster;"));
        Assert.False(await table.InsertRow(TestEntries.Entry(), (await table.ReadAll()).Version.Next()));
    }

    [Fact]
    public async Task InitializeMembershipTable_ReservedWordAsSchema_Works()
    {
        await using var table = TestEntries.Table(database.ConnectionString, TestEntries.NewClusterId(), schema: "select");

        await table.InitializeMembershipTable(true);

        Assert.True(await table.InsertRow(TestEntries.Entry(), (await table.ReadAll()).Version.Next()));
    }

    [Fact]
    public async Task InitializeMembershipTable_Unreachable_ThrowsNpgsqlException()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        await using var table = TestEntries.Table(unreachable, TestEntries.NewClusterId());

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => table.InitializeMembershipTable(true));
    }
}
