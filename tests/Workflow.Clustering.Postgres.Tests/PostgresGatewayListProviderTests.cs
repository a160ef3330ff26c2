using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Workflow.Clustering.Postgres.Tests;

public sealed class PostgresGatewayListProviderTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    [Fact]
    public async Task GetGateways_MixedSilos_ReturnsActiveSilosWithProxyPortOnly()
    {
        var clusterId = TestEntries.NewClusterId();
        await using var table = TestEntries.Table(database.ConnectionString, clusterId);
        await table.InitializeMembershipTable(true);
        var active = TestEntries.Entry(SiloStatus.Active, proxyPort: 30_001);
        var secondActive = TestEntries.Entry(SiloStatus.Active, port: 11_112, proxyPort: 30_002);
        var noGateway = TestEntries.Entry(SiloStatus.Active, proxyPort: 0);
        var joining = TestEntries.Entry(SiloStatus.Joining);
        var dead = TestEntries.Entry(SiloStatus.Dead);
        foreach (var entry in new[] { active, secondActive, noGateway, joining, dead })
        {
            Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        }

        await using var otherCluster = TestEntries.Table(database.ConnectionString, TestEntries.NewClusterId());
        await otherCluster.InitializeMembershipTable(true);
        Assert.True(await otherCluster.InsertRow(TestEntries.Entry(SiloStatus.Active), (await otherCluster.ReadAll()).Version.Next()));

        await using var provider = Provider(clusterId);
        await provider.InitializeGatewayListProvider();
        var gateways = await provider.GetGateways();

        var expected = new[] { active, secondActive }
            .Select(e => SiloAddress.New(e.SiloAddress.Endpoint.Address, e.ProxyPort, e.SiloAddress.Generation).ToGatewayUri())
            .OrderBy(u => u.ToString(), StringComparer.Ordinal);
        Assert.Equal(expected, gateways.OrderBy(u => u.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetGateways_ClientStartedBeforeAnySilo_ReturnsEmptyList()
    {
        await using var provider = Provider(TestEntries.NewClusterId(), schema: "clientfirst");

        await provider.InitializeGatewayListProvider();

        Assert.Empty(await provider.GetGateways());
    }

    [Fact]
    public async Task MaxStaleness_GatewayRefreshPeriodConfigured_IsThatPeriod()
    {
        await using var provider = Provider(TestEntries.NewClusterId(), refresh: TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), provider.MaxStaleness);
    }

    private PostgresGatewayListProvider Provider(string clusterId, string schema = "landflow", TimeSpan? refresh = null) =>
        new(
            Options.Create(new PostgresClusteringOptions { ConnectionString = database.ConnectionString, Schema = schema }),
            Options.Create(new ClusterOptions { ClusterId = clusterId }),
            Options.Create(new GatewayOptions { GatewayListRefreshPeriod = refresh ?? TimeSpan.FromMinutes(1) }));
}
