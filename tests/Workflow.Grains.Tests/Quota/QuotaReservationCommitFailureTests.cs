using Workflow.Contracts;
using Workflow.Storage;

namespace Workflow.Grains.Tests;

/// <summary>A ledger's commit of a project's reservation fails before the write (nothing lands) or after it (the ledger
/// holds it, the project hears of a failure): the project undoes it and reserving again is counted once.</summary>
public sealed class QuotaReservationCommitFailureTests : IAsyncLifetime
{
    private LandFlowCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await LandFlowCluster.StartAsync();

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Theory]
    [InlineData(CommitFault.BeforeWrite)]
    [InlineData(CommitFault.AfterWrite)]
    public async Task Reserve_LedgerCommitFails_IsUndoneAndTheNextReservationIsCountedOnce(CommitFault when)
    {
        // Projects need a county of the bureau, so this test has a cluster of its own.
        const string county = "330523";
        Assert.Null((await cluster.Ledger(county).DepositLotAsync(QuotaLedgerCommitFailureTests.Lot("LOT-1", 300m, 100m), ProjectDriver.Admin)).Refusal);
        var project = await ProjectDriver.RegisterAsync(cluster, ProjectDriver.Registration(county));
        await project.ToFarmlandBalanceAsync();
        cluster.Faults.Store.FailNextCommit(QuotaStreams.Ledger(county), when);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => project.ReserveAsync());

        var landed = when == CommitFault.AfterWrite;
        var ledger = await QuotaLedgerCommitFailureTests.AssertLedgerMatchesStoreAsync(cluster, county, commits: landed ? 2 : 1);
        Assert.Equal(landed ? 100m : 0m, ledger.Reserved.AreaMu);

        // The project's next activation releases what the failed reservation may hold; reserving again counts once.
        var reply = await project.ReserveAsync();

        Assert.True(reply.Refusal is null, reply.Refusal?.ToString());
        ledger = await QuotaLedgerCommitFailureTests.AssertLedgerMatchesStoreAsync(cluster, county, commits: landed ? 4 : 2);
        Assert.Equal(100m, ledger.Reserved.AreaMu);
        Assert.Equal(200m, ledger.Available.AreaMu);
        Assert.Equal("reserved", reply.Project!.Balance.State);
    }
}
