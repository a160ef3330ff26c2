using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Workflow.Clustering.Postgres;
using Workflow.Hosting;
using Workflow.ServiceDefaults;
using Workflow.Storage;
using Workflow.Storage.Postgres;

namespace Workflow.Gateway.Tests;

/// <summary>
/// The silo's <c>migrate</c> command, run as the schema's owner against a fresh database, then a store and a membership
/// table as the silos' role (landflow_silo, created by scripts/postgres-up): they work, and PostgreSQL refuses that role
/// any rewrite of history and any new object in the schema.
/// </summary>
public sealed class SchemaMigrationCommandTests
{
    private const string InsufficientPrivilege = "42501";
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Migrate_FreshDatabaseAsOwner_SilosRoleCommitsAndReadsButCannotRewriteHistory()
    {
        await using var database = await TestDatabase.CreateAsync();
        var silo = SiloConnectionString(database.ConnectionString);
        var (exit, output, error) = await RunAsync(new()
        {
            [LandFlowSettings.Storage] = "postgres",
            [LandFlowSettings.Clustering] = "postgres",
            [LandFlowSettings.PostgresMigrationConnectionString] = database.ConnectionString,
            [LandFlowSettings.PostgresConnectionString] = silo,
        });

        Assert.True(exit == SchemaMigrationCommand.Succeeded, error);
        Assert.Contains($"store at version {PostgresMigrator.LatestVersion}", output, StringComparison.Ordinal);
        Assert.Contains("membership tables at version 1", output, StringComparison.Ordinal);

        await using (var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = silo }))
        {
            await store.CommitAsync(new AggregateCommit("project/M1", 0, """{"v":1}""", [Event(1), Event(2)]));
            Assert.Equal([1L, 2L], (await store.ReadEventsAsync("project/M1")).Select(e => e.Seq));
        }

        await using (var membership = new PostgresMembershipTable(
            Options.Create(new PostgresClusteringOptions { ConnectionString = silo }),
            Options.Create(new ClusterOptions { ClusterId = "migrated", ServiceId = "landflow" }),
            NullLogger<PostgresMembershipTable>.Instance))
        {
            // Written by the silos' role: the cluster's version row, its etag drawn from the owner's sequence.
            await membership.InitializeMembershipTable(true);
            Assert.Equal(0, (await membership.ReadAll()).Version.Version);
        }

        Assert.Equal(1L, await database.CountAsync("SELECT count(*) FROM landflow.membership_cluster WHERE cluster_id = 'migrated'"));

        var refusals = new[]
        {
            await RefusalAsync(silo, "UPDATE landflow.events SET reason = 'rewritten' WHERE stream_id = 'project/M1' AND seq = 1"),
            await RefusalAsync(silo, "DELETE FROM landflow.events WHERE stream_id = 'project/M1'"),
            await RefusalAsync(silo, "CREATE TABLE landflow.smuggled (id int)"),
        };
        Assert.All(refusals, refusal => Assert.Equal(InsufficientPrivilege, refusal?.SqlState));
        Assert.Equal(2L, await database.CountAsync("SELECT count(*) FROM landflow.events WHERE stream_id = 'project/M1' AND reason IS NULL"));
    }

    [Fact]
    public async Task Migrate_WithoutTheOwnersConnectionString_ExitsTwoNamingTheSetting()
    {
        var (exit, _, error) = await RunAsync(new()
        {
            [LandFlowSettings.Storage] = "postgres",
            [LandFlowSettings.PostgresConnectionString] = "Host=127.0.0.1;Username=landflow_silo;Password=x;Database=landflow",
        });

        Assert.Equal(SchemaMigrationCommand.Misconfigured, exit);
        Assert.Contains(LandFlowSettings.PostgresMigrationConnectionString, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_UnreachableServer_ExitsOneWithTheReason()
    {
        var (exit, _, error) = await RunAsync(new()
        {
            [LandFlowSettings.Storage] = "postgres",
            [LandFlowSettings.PostgresMigrationConnectionString] = "Host=127.0.0.1;Port=1;Username=owner;Password=x;Database=landflow;Timeout=2",
            [LandFlowSettings.PostgresSiloRole] = "landflow_silo",
        });

        Assert.Equal(SchemaMigrationCommand.Failed, exit);
        Assert.StartsWith("migrate: failed: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", error, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SchemaMigrationCommand.RunAsync(configuration, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static StoredEvent Event(long seq) => new(seq, T0.AddMinutes(seq), "li.wei", "StepCompleted", "survey", null, null);

    /// <summary>The silos' role on the same database: LANDFLOW_TEST_POSTGRES_SILO_ROLE (user:password), else postgres-up's.
    /// Unpooled: the owner cannot end another role's idle sessions, which would keep the database from being dropped.</summary>
    private static string SiloConnectionString(string ownerConnectionString)
    {
        var configured = Environment.GetEnvironmentVariable("LANDFLOW_TEST_POSTGRES_SILO_ROLE") is { Length: > 0 } value ? value : "landflow_silo:landflow_silo";
        var separator = configured.IndexOf(':', StringComparison.Ordinal);
        return new NpgsqlConnectionStringBuilder(ownerConnectionString)
        {
            Username = configured[..separator],
            Password = configured[(separator + 1)..],
            Pooling = false,
        }.ConnectionString;
    }

    private static async Task<PostgresException?> RefusalAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        try
        {
            await command.ExecuteNonQueryAsync();
            return null;
        }
        catch (PostgresException exception)
        {
            return exception;
        }
    }
}
