using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains.Tests;

/// <summary>A county's code counter fails its commit before the write (nothing lands) or after it (the serial is taken
/// but the call fails): the counter ends where the store is, and the next code is handed out once, never twice.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ProjectCodeAllocatorCommitFailureTests(SharedClusterFixture fixture)
{
    private LandFlowCluster Cluster => fixture.Cluster;

    [Theory]
    [InlineData(CommitFault.BeforeWrite)]
    [InlineData(CommitFault.AfterWrite)]
    public async Task NextCode_CommitFails_LeavesTheCounterAsStoredAndTheNextCodeSucceeds(CommitFault when)
    {
        var county = ProjectDriver.NewCounty();
        var allocator = Cluster.Client.GetGrain<IProjectCodeAllocatorGrain>(county);
        var first = ProjectCode.Parse(await allocator.NextCodeAsync("01"));
        Cluster.Faults.Store.FailNextCommit(ProjectCodeStreams.For(county), when);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => allocator.NextCodeAsync("01"));

        var taken = when == CommitFault.AfterWrite ? 2 : 1;
        Assert.Equal(taken, await StoredSerialAsync(county));

        var next = ProjectCode.Parse(await allocator.NextCodeAsync("01"));

        Assert.Equal(1, first.Serial);
        Assert.Equal(taken + 1, next.Serial);
        Assert.Equal(next.Serial, await StoredSerialAsync(county));
        Assert.Equal(county, next.RegionCode);
    }

    private async Task<int> StoredSerialAsync(string county)
    {
        var stored = await Cluster.Store.LoadAsync(ProjectCodeStreams.For(county));
        Assert.Equal(ProjectCodeStreams.ParseLastSerial(stored!.StateJson), stored.Version);
        return ProjectCodeStreams.ParseLastSerial(stored.StateJson);
    }
}
