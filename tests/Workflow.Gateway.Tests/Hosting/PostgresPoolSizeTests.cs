using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Workflow.Clustering.Postgres;
using Workflow.Hosting;
using Workflow.Storage.Postgres;

namespace Workflow.Gateway.Tests;

/// <summary>LandFlow:Postgres:MaxPoolSize bounds the pools of the store and the membership table, unless the
/// connection string sets its own Maximum Pool Size.</summary>
public sealed class PostgresPoolSizeTests
{
    private const string Configured = "Host=127.0.0.1;Username=landflow;Password=secret;Database=never-opened";

    [Fact]
    public void Silo_NothingSet_StoreAndMembershipPoolsHoldTwenty()
    {
        var (store, membership) = ConnectionStringsOf(new Dictionary<string, string?>());

        Assert.Equal(20, new NpgsqlConnectionStringBuilder(store).MaxPoolSize);
        Assert.Equal(20, new NpgsqlConnectionStringBuilder(membership).MaxPoolSize);
        Assert.Equal("secret", new NpgsqlConnectionStringBuilder(store).Password);
    }

    [Fact]
    public void Silo_SettingGiven_BothPoolsTakeIt()
    {
        var (store, membership) = ConnectionStringsOf(new Dictionary<string, string?> { [LandFlowSettings.PostgresMaxPoolSize] = "7" });

        Assert.Equal(7, new NpgsqlConnectionStringBuilder(store).MaxPoolSize);
        Assert.Equal(7, new NpgsqlConnectionStringBuilder(membership).MaxPoolSize);
    }

    [Theory]
    [InlineData("Maximum Pool Size=50")]
    [InlineData("MaxPoolSize=50")]
    [InlineData("maximum pool size = 50")]
    public void Apply_ConnectionStringSetsItsOwn_ConnectionStringWins(string keyword)
    {
        var effective = PostgresPoolSize.Apply($"{Configured};{keyword}", 20);

        Assert.Equal(50, new NpgsqlConnectionStringBuilder(effective).MaxPoolSize);
    }

    [Fact]
    public void Apply_ExplicitHundred_KeptEvenThoughItIsNpgsqlsDefault()
    {
        var effective = PostgresPoolSize.Apply($"{Configured};Maximum Pool Size=100", 20);

        Assert.Equal(100, new NpgsqlConnectionStringBuilder(effective).MaxPoolSize);
    }

    [Fact]
    public void Apply_MinimumAboveSetting_MaximumRaisedToIt()
    {
        var effective = PostgresPoolSize.Apply($"{Configured};Minimum Pool Size=30", 20);

        Assert.Equal(30, new NpgsqlConnectionStringBuilder(effective).MaxPoolSize);
    }

    [Fact]
    public void Apply_ZeroPool_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PostgresPoolSize.Apply(Configured, 0));
    }

    /// <summary>Builds (does not start) a silo host on PostgreSQL as the silo process does.</summary>
    private static (string Store, string Membership) ConnectionStringsOf(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            [LandFlowSettings.Mode] = LandFlowModes.Cluster,
            [LandFlowSettings.Storage] = LandFlowStorage.Postgres,
            [LandFlowSettings.Clustering] = LandFlowClustering.Postgres,
            [LandFlowSettings.PostgresConnectionString] = Configured,
            [LandFlowSettings.DemoEnabled] = "false",
        });
        // Clustered on PostgreSQL, a silo takes TLS settings or refuses to start.
        builder.Configuration.AddInMemoryCollection(TestCertificates.Cluster.Settings());
        builder.AddLandFlowSilo(devClock: false);
        using var host = builder.Build();
        return (host.Services.GetRequiredService<IOptions<PostgresStoreOptions>>().Value.ConnectionString,
            host.Services.GetRequiredService<IOptions<PostgresClusteringOptions>>().Value.ConnectionString);
    }
}
