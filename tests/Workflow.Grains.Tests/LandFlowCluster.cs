using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Workflow.Contracts;
using Workflow.Grains;
using Workflow.Hosting;
using Workflow.Storage;
using Workflow.Storage.Sqlite;

namespace Workflow.Grains.Tests;

/// <summary>
/// An in-process Orleans cluster running LandFlow's grains on the real SQLite store in a temporary
/// directory, with a fake workflow clock and switches to make grain calls and store commits fail for crash tests.
/// </summary>
public sealed class LandFlowCluster : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly bool ownsDirectory;

    private LandFlowCluster(InProcessTestCluster cluster, FakeTimeProvider clock, FaultInjection faults, string dataDirectory, bool ownsDirectory)
    {
        Cluster = cluster;
        Clock = clock;
        Faults = faults;
        DataDirectory = dataDirectory;
        this.ownsDirectory = ownsDirectory;
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public FakeTimeProvider Clock { get; }

    public FaultInjection Faults { get; }

    public string DataDirectory { get; }

    public IServiceProvider SiloServices => Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress);

    public IAggregateStore Store => SiloServices.GetRequiredService<IAggregateStore>();

    public DeadlineScheduler Deadlines => SiloServices.GetRequiredService<DeadlineScheduler>();

    public static Task<LandFlowCluster> StartAsync() =>
        StartAsync(Directory.CreateTempSubdirectory("landflow-grains-").FullName, new FakeTimeProvider(Start), ownsDirectory: true);

    /// <summary>Starts a cluster over an existing data directory, as after a restart; with a
    /// <paramref name="demoSeed"/>, the silo seeds demo data into an empty store as it starts.</summary>
    public static async Task<LandFlowCluster> StartAsync(string dataDirectory, FakeTimeProvider clock, bool ownsDirectory, int? demoSeed = null)
    {
        var faults = new FaultInjection();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSqliteStore(o => o.DataDirectory = dataDirectory);
            host.Services.AddSingleton<IAggregateStore>(provider => new FaultInjectingStore(provider.GetRequiredService<SqliteStore>(), faults.Store));
            host.Services.AddKeyedSingleton<TimeProvider>(WorkflowClock.Key, clock);
            host.Services.AddSingleton(faults);
            host.Services.AddLandFlowGrains(host.Configuration);
            host.Services.AddSingleton<IStaffRoster, DemoStaffRoster>();
            if (demoSeed is { } seed)
            {
                host.Services.AddDemoData(host.Configuration);
                host.Services.Configure<DemoOptions>(o =>
                {
                    o.Enabled = true;
                    o.Seed = seed;
                });
            }
        });
        builder.ConfigureSilo((_, silo) => silo.AddIncomingGrainCallFilter<FaultInjectionFilter>());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new LandFlowCluster(cluster, clock, faults, dataDirectory, ownsDirectory);
    }

    public IProjectGrain Project(string code) => Client.GetGrain<IProjectGrain>(code);

    public IQuotaLedgerGrain Ledger(string county) => Client.GetGrain<IQuotaLedgerGrain>(county);

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        if (ownsDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

/// <summary>One shared cluster for tests whose grains are all their own (a fresh project code each).</summary>
public sealed class SharedClusterFixture : IAsyncLifetime
{
    public LandFlowCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await LandFlowCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedClusterCollection : ICollectionFixture<SharedClusterFixture>
{
    public const string Name = "shared cluster";
}
