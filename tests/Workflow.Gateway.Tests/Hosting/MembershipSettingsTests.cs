using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Workflow.Hosting;

namespace Workflow.Gateway.Tests;

/// <summary>LandFlow:Membership:* reach Orleans' membership options of a silo clustered on PostgreSQL.</summary>
public sealed class MembershipSettingsTests
{
    [Fact]
    public void Membership_NothingSet_DetectsFailuresInSeconds()
    {
        var options = MembershipOptionsOf(new Dictionary<string, string?>());

        Assert.Equal(TimeSpan.FromSeconds(1), options.ProbeTimeout);
        Assert.Equal(2, options.NumMissedProbesLimit);
        Assert.Equal(new ClusterMembershipOptions().NumVotesForDeathDeclaration, options.NumVotesForDeathDeclaration);
    }

    [Fact]
    public void Membership_EverySettingGiven_ReachesOrleans()
    {
        var options = MembershipOptionsOf(new Dictionary<string, string?>
        {
            [LandFlowSettings.MembershipProbeTimeout] = "00:00:03",
            [LandFlowSettings.MembershipNumMissedProbesLimit] = "4",
            [LandFlowSettings.MembershipMaxProbeTimeout] = "00:00:07",
            [LandFlowSettings.MembershipNumVotesForDeathDeclaration] = "3",
            [LandFlowSettings.MembershipDefunctSiloExpiration] = "1.00:00:00",
        });

        Assert.Equal(TimeSpan.FromSeconds(3), options.ProbeTimeout);
        Assert.Equal(4, options.NumMissedProbesLimit);
        Assert.Equal(TimeSpan.FromSeconds(7), options.MaxProbeTimeout);
        Assert.Equal(3, options.NumVotesForDeathDeclaration);
        Assert.Equal(TimeSpan.FromDays(1), options.DefunctSiloExpiration);
    }

    [Fact]
    public void Membership_ZeroProbeTimeout_FailsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MembershipOptionsOf(new Dictionary<string, string?>
        {
            [LandFlowSettings.MembershipProbeTimeout] = "00:00:00",
        }));

        Assert.Contains(LandFlowSettings.MembershipProbeTimeout, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Builds (does not start) a silo host as the silo process does, and reads its membership options.</summary>
    private static ClusterMembershipOptions MembershipOptionsOf(Dictionary<string, string?> settings)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("landflow-membership-").FullName;
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
            {
                [LandFlowSettings.Mode] = LandFlowModes.Cluster,
                [LandFlowSettings.Clustering] = LandFlowClustering.Postgres,
                [LandFlowSettings.PostgresConnectionString] = "Host=127.0.0.1;Database=never-opened",
                [LandFlowSettings.DataDirectory] = dataDirectory,
            });
            // Clustered on PostgreSQL, a silo takes TLS settings or refuses to start.
            builder.Configuration.AddInMemoryCollection(TestCertificates.Cluster.Settings());
            builder.AddLandFlowSilo(devClock: false);
            using var host = builder.Build();
            return host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
