using Microsoft.Extensions.DependencyInjection;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains.Tests;

/// <summary>A county ledger's commit fails before the write (nothing lands) or after it (it lands, the call fails): the
/// ledger ends where the store is, its totals add up, and its next movement succeeds.</summary>
/// <summary>Each test on a cluster of its own: ledgers exist only for the five real counties, so tests cannot take a
/// fresh county each on a shared cluster.</summary>
public sealed class QuotaLedgerCommitFailureTests : IAsyncLifetime
{
    private LandFlowCluster Cluster { get; set; } = null!;

    public async Task InitializeAsync() => Cluster = await LandFlowCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    [Theory]
    [InlineData(CommitFault.BeforeWrite)]
    [InlineData(CommitFault.AfterWrite)]
    public async Task DepositLot_CommitFails_LeavesTheLedgerAsStoredAndTheNextDepositSucceeds(CommitFault when)
    {
        var county = "330502";
        await DepositAsync(county, "LOT-1", 200m, 80m);
        Cluster.Faults.Store.FailNextCommit(QuotaStreams.Ledger(county), when);

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => Cluster.Ledger(county).DepositLotAsync(Lot("LOT-2", 100m, 20m), ProjectDriver.Admin));

        var landed = when == CommitFault.AfterWrite;
        Assert.Equal(landed, failure.MayHaveCommitted);
        var ledger = await AssertLedgerMatchesStoreAsync(Cluster, county, commits: landed ? 2 : 1);
        Assert.Equal(landed ? 300m : 200m, ledger.Available.AreaMu);

        await DepositAsync(county, "LOT-3", 50m, 10m);

        ledger = await AssertLedgerMatchesStoreAsync(Cluster, county, commits: landed ? 3 : 2);
        Assert.Equal(landed ? 350m : 250m, ledger.Deposited.AreaMu);
        Assert.Equal(ledger.Deposited, ledger.Available);
    }

    [Fact]
    public async Task Reserve_AnotherActivationCommittedFirst_RunsAgainOnTheReloadedLedgerAndReservesOnce()
    {
        var county = "330503";
        await DepositAsync(county, "LOT-1", 100_000m, 50_000m);
        var stream = QuotaStreams.Ledger(county);
        var before = (await Cluster.Store.LoadAsync(stream))!;

        // A second activation's commit, as while a silo joins or leaves: the ledger's own commit loses, and it runs the
        // reservation again on what the store holds.
        await Cluster.Store.CommitAsync(new AggregateCommit(stream, before.Version, before.StateJson, []));
        var reply = await Cluster.Ledger(county).ReserveAsync("P#r1", "P", new QuotaView(10m, 2m, 9_000m), ProjectDriver.Platform);

        Assert.Null(reply.Refusal);
        Assert.False(reply.AlreadyApplied);
        var ledger = await AssertLedgerMatchesStoreAsync(Cluster, county, commits: before.Version + 2);
        Assert.Equal((10m, 99_990m), (ledger.Reserved.AreaMu, ledger.Available.AreaMu));
    }

    /// <summary>Asserts that the ledger grain shows what the store holds, after <paramref name="commits"/> commits, with
    /// its history unbroken and its totals adding up.</summary>
    internal static async Task<LedgerView> AssertLedgerMatchesStoreAsync(LandFlowCluster cluster, string county, long commits)
    {
        var seen = (await cluster.Ledger(county).GetAsync(ProjectDriver.Admin)).Ledger!;
        var stored = await cluster.Store.LoadAsync(QuotaStreams.Ledger(county));
        var rules = cluster.SiloServices.GetRequiredService<WorkflowEnvironment>().BalanceRules;

        Assert.Equal(commits, stored!.Version);
        Assert.Equivalent(QuotaViews.From(CountyQuotaLedger.FromJson(stored.StateJson, rules)), seen, strict: true);
        var history = await cluster.Store.ReadEventsAsync(QuotaStreams.Ledger(county));
        Assert.Equal(stored.LastSeq, history[^1].Seq);
        Assert.Equal(history.Count, history.Select(e => e.Seq).Distinct().Count());
        Assert.Equal(seen.Deposited.AreaMu, seen.Available.AreaMu + seen.Reserved.AreaMu + seen.Consumed.AreaMu);
        return seen;
    }

    internal static DepositLotCommand Lot(string id, decimal area, decimal paddy) =>
        new(id, "土地整治项目 " + id, area, paddy, 7, new DateOnly(2025, 6, 30));

    private async Task DepositAsync(string county, string id, decimal area, decimal paddy) =>
        Assert.Null((await Cluster.Ledger(county).DepositLotAsync(Lot(id, area, paddy), ProjectDriver.Admin)).Refusal);
}
