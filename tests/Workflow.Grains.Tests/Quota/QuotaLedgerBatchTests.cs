using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains.Tests;

/// <summary>A county ledger group-commits what queues while a commit is in flight: one commit for many movements,
/// each caller answered once it is durable, reads showing only what is. Each test on a cluster of its own (ledgers
/// exist only for the five real counties).</summary>
public sealed class QuotaLedgerBatchTests : IAsyncLifetime
{
    private static readonly QuotaView OneMu = new(1m, 0m, 0m);

    private LandFlowCluster Cluster { get; set; } = null!;

    public async Task InitializeAsync() => Cluster = await LandFlowCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    [Fact]
    public async Task Reserve_ManyQueuedBehindACommit_AreWrittenInOneCommitInArrivalOrder()
    {
        var county = "330502";
        await DepositAsync(county, 31m);
        var hold = Cluster.Faults.Store.HoldCommits([QuotaStreams.Ledger(county)]);
        var first = ReserveAsync(county, 0);
        await hold.AllHeld;

        // 31 more of 1 mu each behind it, for the 30 mu left: the one that arrived last is refused, as if alone.
        var queued = Enumerable.Range(1, 31).Select(i => ReserveAsync(county, i)).ToList();
        await Cluster.Faults.EnteredAsync(nameof(IQuotaLedgerGrain.ReserveAsync), 32);
        hold.Release();
        var replies = await Task.WhenAll(queued.Prepend(first));

        Assert.Equal(31, replies.Count(r => r.Refusal is null && !r.AlreadyApplied));
        Assert.Equal(Rules.QuotaAreaShort, Assert.Single(replies, r => r.Refusal is not null).Refusal!.Rule);
        // The deposit, the first reservation, and the other thirty together.
        var ledger = await QuotaLedgerCommitFailureTests.AssertLedgerMatchesStoreAsync(Cluster, county, commits: 3);
        Assert.Equal((31m, 0m), (ledger.Reserved.AreaMu, ledger.Available.AreaMu));
        var reserves = (await Cluster.Store.ReadEventsAsync(QuotaStreams.Ledger(county))).Where(e => e.Kind == QuotaMovementKinds.Reserve).ToList();
        Assert.Equal(31, reserves.Count);
        Assert.Equal(31, reserves.Select(e => e.Actor).Distinct().Count());
    }

    [Fact]
    public async Task Reserve_AFullBatchOfNewIdsOnceSomethingIsArchived_EachIsLookedUpAndApplied()
    {
        var county = "330522";
        await DepositAsync(county, 1_000m);
        // One settled reservation in the archive: from now on every new id is looked up there before it is used.
        await ReserveAsync(county, 0);
        Assert.Null((await Cluster.Ledger(county).ReleaseAsync("P0#r1", ProjectDriver.Platform)).Refusal);
        var hold = Cluster.Faults.Store.HoldCommits([QuotaStreams.Ledger(county)]);
        var first = ReserveAsync(county, 1);
        await hold.AllHeld;

        var count = QuotaLedgerGrain.MaxBatch + 44;
        var queued = Enumerable.Range(2, count).Select(i => ReserveAsync(county, i)).ToList();
        await Cluster.Faults.EnteredAsync(nameof(IQuotaLedgerGrain.ReserveAsync), count + 2);
        hold.Release();

        Assert.All(await Task.WhenAll(queued.Prepend(first)), reply => Assert.Null(reply.Refusal));
        // The deposit, the first reserve and its release, the held reserve, a full batch and the rest.
        var ledger = await QuotaLedgerCommitFailureTests.AssertLedgerMatchesStoreAsync(Cluster, county, commits: 6);
        Assert.Equal(count + 1m, ledger.Reserved.AreaMu);
    }

    [Fact]
    public async Task Get_WhileABatchIsBeingWritten_ShowsOnlyWhatIsDurable()
    {
        var county = "330503";
        await DepositAsync(county, 10m);
        var hold = Cluster.Faults.Store.HoldCommits([QuotaStreams.Ledger(county)]);
        var reserving = ReserveAsync(county, 0);
        await hold.AllHeld;

        var during = (await Cluster.Ledger(county).GetAsync(ProjectDriver.Admin)).Ledger!;
        hold.Release();
        var reply = await reserving;

        Assert.Equal((0m, 10m), (during.Reserved.AreaMu, during.Available.AreaMu));
        Assert.Equal((1m, 9m), (reply.Ledger!.Reserved.AreaMu, reply.Ledger.Available.AreaMu));
    }

    [Fact]
    public async Task Reserve_BatchCommitFails_NoneIsAppliedAndTheNextReserveSucceeds()
    {
        var county = "330521";
        await DepositAsync(county, 10m);
        var stream = QuotaStreams.Ledger(county);
        var hold = Cluster.Faults.Store.HoldCommits([stream]);
        var first = ReserveAsync(county, 0);
        await hold.AllHeld;
        Cluster.Faults.Store.FailNextCommit(stream, CommitFault.BeforeWrite, atVersion: 2);

        var queued = Enumerable.Range(1, 3).Select(i => ReserveAsync(county, i)).ToList();
        await Cluster.Faults.EnteredAsync(nameof(IQuotaLedgerGrain.ReserveAsync), 4);
        hold.Release();

        Assert.Null((await first).Refusal);
        foreach (var reserve in queued)
        {
            Assert.False((await Assert.ThrowsAsync<StoreUnavailableException>(() => reserve)).MayHaveCommitted);
        }

        var ledger = await QuotaLedgerCommitFailureTests.AssertLedgerMatchesStoreAsync(Cluster, county, commits: 2);
        Assert.Equal(1m, ledger.Reserved.AreaMu);
        Assert.Null((await ReserveAsync(county, 1)).Refusal);
        ledger = await QuotaLedgerCommitFailureTests.AssertLedgerMatchesStoreAsync(Cluster, county, commits: 3);
        Assert.Equal(2m, ledger.Reserved.AreaMu);
    }

    private Task<LedgerReply> ReserveAsync(string county, int project) =>
        Cluster.Ledger(county).ReserveAsync($"P{project}#r1", $"P{project}", OneMu, ProjectDriver.Platform);

    private async Task DepositAsync(string county, decimal area) =>
        Assert.Null((await Cluster.Ledger(county).DepositLotAsync(
            QuotaLedgerCommitFailureTests.Lot("LOT-1", area, 0m), ProjectDriver.Admin)).Refusal);
}
