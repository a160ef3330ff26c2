using System.Globalization;
using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Postgres.Tests;

public sealed class PostgresSchemaTests(PostgresTestDatabase database) : PostgresStoreTest(database)
{
    [Fact]
    public async Task InitializeAsync_FiveStoresAtOnceOnANewSchema_AppliesEachMigrationExactlyOnce()
    {
        var stores = Enumerable.Range(0, 5).Select(_ => CreateStore()).ToList();

        await Task.WhenAll(stores.Select(store => store.InitializeAsync()));

        Assert.Equal(
            SchemaMigrations.All.Count.ToString(CultureInfo.InvariantCulture),
            Text(await ScalarAsync("SELECT count(*) FROM {schema}.schema_version")));
        Assert.Equal(
            SchemaMigrations.LatestVersion.ToString(CultureInfo.InvariantCulture),
            Text(await ScalarAsync("SELECT max(version) FROM {schema}.schema_version")));
        for (var i = 0; i < stores.Count; i++)
        {
            await stores[i].CommitAsync(Commit($"s/{i}", 0, [Event(1)]));
        }

        Assert.NotNull(await stores[0].LoadAsync("s/4"));
    }

    [Fact]
    public async Task InitializeAsync_NewSchema_CreatesEveryTableAndTheIndexesTheQueriesUse()
    {
        var store = CreateStore();

        await store.InitializeAsync();

        var tables = Text(await ScalarAsync(
            $"SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = '{Schema}'"));
        Assert.Equal(
            "analytics_dwell,analytics_dwell_totals,analytics_open,analytics_projects,analytics_red_turns,analytics_visits,deadlines,events,history_feed,land_problems,notice_projects,notice_reads,notices," +
            "project_open_steps,projection_checkpoints,projects,schema_version,settings,stream_archive,stream_snapshots,streams",
            tables);
        var indexes = Text(await ScalarAsync($"SELECT string_agg(indexdef, E'\\n') FROM pg_indexes WHERE schemaname = '{Schema}'"));
        Assert.Contains("ON " + Schema + ".deadlines USING btree (due_utc_ticks, stream_id)", indexes, StringComparison.Ordinal);
        Assert.Contains("ON " + Schema + ".project_open_steps USING btree (step, code)", indexes, StringComparison.Ordinal);
        Assert.Contains("ON " + Schema + ".events USING btree (stream_id, seq)", indexes, StringComparison.Ordinal);
        Assert.Contains("ON " + Schema + ".stream_archive USING btree (stream_id, key)", indexes, StringComparison.Ordinal);
        foreach (var column in new[] { "county", "state", "light", "liaison", "owner_uscc" })
        {
            Assert.Contains($"ON {Schema}.projects USING btree ({column}, code)", indexes, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ApplyAsync_RunTwiceByConnectionString_ReturnsTheLatestVersionAndRunsNothingAgain()
    {
        var first = await PostgresMigrator.ApplyAsync(Database.ConnectionString, Schema);
        var second = await PostgresMigrator.ApplyAsync(Database.ConnectionString, Schema);

        Assert.Equal(PostgresMigrator.LatestVersion, first);
        Assert.Equal(first, second);
        Assert.Equal(
            SchemaMigrations.All.Count.ToString(CultureInfo.InvariantCulture),
            Text(await ScalarAsync("SELECT count(*) FROM {schema}.schema_version")));

        // A store over a schema migrated beforehand simply opens.
        var store = CreateStore();
        await store.CommitAsync(Commit("s", 0, [Event(1)]));
        Assert.NotNull(await store.LoadAsync("s"));
    }

    [Fact]
    public async Task ApplyAsync_MigrationAppendedLater_AppliesOnlyTheNewOneAndIsIdempotent()
    {
        var store = CreateStore();
        await store.CommitAsync(Commit("s", 0, [Event(1)]));
        var extended = SchemaMigrations.All
            .Append(new SchemaMigration(SchemaMigrations.LatestVersion + 1, "extra", "CREATE TABLE extra (id integer PRIMARY KEY);"))
            .ToList();
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(Database.ConnectionString);

        var second = await PostgresMigrator.ApplyAsync(dataSource, Schema, extended, CancellationToken.None);
        var third = await PostgresMigrator.ApplyAsync(dataSource, Schema, extended, CancellationToken.None);

        Assert.Equal(SchemaMigrations.LatestVersion + 1, second);
        Assert.Equal(second, third);
        Assert.Equal("extra", Text(await ScalarAsync("SELECT description FROM {schema}.schema_version ORDER BY version DESC LIMIT 1")));
        Assert.Equal("0", Text(await ScalarAsync("SELECT count(*) FROM {schema}.extra")));
        Assert.NotNull(await store.LoadAsync("s"));
    }

    [Fact]
    public async Task InitializeAsync_SchemaAtVersion1WithStreams_AddsTheArchiveAndKeepsThem()
    {
        await using (var dataSource = Npgsql.NpgsqlDataSource.Create(Database.ConnectionString))
        {
            Assert.Equal(1, await PostgresMigrator.ApplyAsync(dataSource, Schema, SchemaMigrations.All.Take(1).ToList(), CancellationToken.None));
        }

        await ScalarAsync("INSERT INTO {schema}.streams (stream_id, version, state_json, last_seq) VALUES ('ledger/old', 3, '{}', 0)");
        var store = CreateStore();

        await store.CommitAsync(Commit("ledger/old", 3, [Event(1)], archive: [Record("r/1")]));

        Assert.Equal(SchemaMigrations.LatestVersion.ToString(CultureInfo.InvariantCulture), Text(await ScalarAsync("SELECT max(version) FROM {schema}.schema_version")));
        Assert.Equal(4, (await store.LoadAsync("ledger/old"))!.Version);
        Assert.Equal("""{"key":"r/1"}""", await store.LoadArchivedAsync("ledger/old", "r/1"));
    }

    [Fact]
    public async Task InitializeAsync_SchemaFromNewerBuild_ThrowsAndChangesNothing()
    {
        await PostgresMigrator.ApplyAsync(Database.ConnectionString, Schema);
        await ScalarAsync("INSERT INTO {schema}.schema_version (version, description) VALUES (999, 'from the future')");

        var store = CreateStore();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresMigrator.ApplyAsync(Database.ConnectionString, Schema));

        Assert.Contains("999", refused.Message, StringComparison.Ordinal);
        Assert.Equal(
            (SchemaMigrations.All.Count + 1).ToString(CultureInfo.InvariantCulture),
            Text(await ScalarAsync("SELECT count(*) FROM {schema}.schema_version")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CommitAsync(Commit("s", 0, [Event(1)])));
    }

    [Fact]
    public void SchemaMigrations_Embedded_AreNumberedFromOneWithoutGaps()
    {
        Assert.Equal(Enumerable.Range(1, SchemaMigrations.All.Count), SchemaMigrations.All.Select(m => m.Version));
        Assert.All(SchemaMigrations.All, migration => Assert.False(string.IsNullOrWhiteSpace(migration.Script)));
        Assert.Equal("streams events projects deadlines settings", SchemaMigrations.All[0].Description);
    }

    [Fact]
    public void MigrationLockKey_PerSchema_IsFixedAndDistinct()
    {
        // Documented in docs/postgres.md, so an operator can recognise the lock in pg_locks.
        Assert.Equal(-7593259732600189526, SchemaName.MigrationLockKey("landflow"));
        Assert.NotEqual(SchemaName.MigrationLockKey("landflow"), SchemaName.MigrationLockKey("landflow_staging"));
    }

    private static string? Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture);
}
