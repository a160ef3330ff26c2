using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Workflow.Clustering.Postgres.Tests;

/// <summary>Membership entries and tables as a silo would hand them to the provider.</summary>
internal static class TestEntries
{
    private static int s_generation = 1_000;

    /// <summary>A time with whole milliseconds, which PostgreSQL (microseconds) keeps exactly.</summary>
    public static DateTime Now { get; } = new(2026, 3, 2, 9, 30, 15, 123, DateTimeKind.Utc);

    public static MembershipEntry Entry(SiloStatus status = SiloStatus.Joining, int port = 11_111, int proxyPort = 30_000)
    {
        var silo = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), Interlocked.Increment(ref s_generation));
        return new MembershipEntry
        {
            SiloAddress = silo,
            Status = status,
            HostName = "landflow-silo-0",
            SiloName = "silo-" + silo.Generation,
            ProxyPort = proxyPort,
            RoleName = "workflow",
            UpdateZone = 2,
            FaultZone = 3,
            StartTime = Now,
            IAmAliveTime = Now,
        };
    }

    public static PostgresMembershipTable Table(string connectionString, string clusterId, string schema = "landflow") =>
        new(
            Options.Create(new PostgresClusteringOptions { ConnectionString = connectionString, Schema = schema }),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "landflow" }),
            NullLogger<PostgresMembershipTable>.Instance);

    public static string NewClusterId() => "cluster-" + Guid.NewGuid().ToString("N");
}
