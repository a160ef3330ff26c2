using Npgsql;
using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Postgres.Tests;

/// <summary>
/// Migrations as the schema's owner, silos as a role of their own (landflow_silo, created by scripts/postgres-up):
/// the silos' role reads and appends history, and PostgreSQL refuses it any UPDATE or DELETE of it.
/// </summary>
public sealed class PostgresRoleTests(PostgresTestDatabase database) : PostgresStoreTest(database)
{
    public const string SiloRoleVariable = "LANDFLOW_TEST_POSTGRES_SILO_ROLE";

    private const string InsufficientPrivilege = "42501";

    [Fact]
    public async Task Commit_AsTheSilosRoleWithMigrationsAsOwner_AppendsChainedHistory()
    {
        var store = CreateSiloStore();

        await store.CommitAsync(Commit("project/G1", 0, [Event(1), Event(2)]));
        await store.CommitAsync(Commit("project/G1", 1, [Event(3)], index: Project("G1"), deadline: new DeadlineChange(T0)));

        Assert.Equal(3, (await store.ReadEventsAsync("project/G1")).Count);
        Assert.Null((await store.VerifyStreamAsync("project/G1")).Break);
    }

    [Fact]
    public async Task UpdateOrDeleteOfHistory_AsTheSilosRole_IsRefusedByPostgreSql()
    {
        var store = CreateSiloStore();
        await store.CommitAsync(Commit("project/G2", 0, [Event(1), Event(2)], archive: [Record("k1")]));

        var update = await RefusalAsync($"UPDATE \"{Schema}\".events SET reason = 'rewritten' WHERE stream_id = 'project/G2' AND seq = 1");
        var delete = await RefusalAsync($"DELETE FROM \"{Schema}\".events WHERE stream_id = 'project/G2' AND seq = 2");
        var truncate = await RefusalAsync($"TRUNCATE \"{Schema}\".events CASCADE");
        var archive = await RefusalAsync($"UPDATE \"{Schema}\".stream_archive SET json = '{{}}'");

        Assert.All([update, delete, truncate, archive], refusal => Assert.Equal(InsufficientPrivilege, refusal?.SqlState));
        Assert.Null((await store.VerifyStreamAsync("project/G2")).Break);
    }

    [Fact]
    public async Task UpdateOfHistory_AsTheOwner_IsFoundByTheVerifier()
    {
        var store = CreateSiloStore();
        await store.CommitAsync(Commit("project/G3", 0, [Event(1), Event(2)]));

        await ScalarAsync("UPDATE {schema}.events SET actor = 'someone.else' WHERE stream_id = 'project/G3' AND seq = 2");
        var result = await store.VerifyStreamAsync("project/G3");

        Assert.Equal((2L, HistoryBreakKind.Changed), (result.Break?.Seq, result.Break?.Kind));
    }

    /// <summary>The silos' role: LANDFLOW_TEST_POSTGRES_SILO_ROLE (user:password), else scripts/postgres-up's.</summary>
    public static string SiloConnectionString(string ownerConnectionString)
    {
        var configured = Environment.GetEnvironmentVariable(SiloRoleVariable) is { Length: > 0 } value ? value : "landflow_silo:landflow_silo";
        var separator = configured.IndexOf(':', StringComparison.Ordinal);
        return new NpgsqlConnectionStringBuilder(ownerConnectionString)
        {
            Username = configured[..separator],
            Password = configured[(separator + 1)..],
        }.ConnectionString;
    }

    private PostgresStore CreateSiloStore() => CreateStore(options =>
    {
        options.MigrationConnectionString = options.ConnectionString;
        options.ConnectionString = SiloConnectionString(options.ConnectionString);
    });

    private async Task<PostgresException?> RefusalAsync(string sql)
    {
        // Unpooled: the owner cannot end another role's idle sessions, which would keep the class's database from being dropped.
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(SiloConnectionString(Database.ConnectionString)) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await OutcomeOfAsync(command.ExecuteNonQueryAsync()) as PostgresException;
    }
}
