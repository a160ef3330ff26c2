using Workflow.Contracts;
using Workflow.Storage;

namespace Workflow.Grains.Tests;

/// <summary>A transfer's commit fails before the write (nothing lands) or after it (it lands, the call fails), at its
/// request (version 0) or once the source has sent (version 1): the grain ends where the store is, and sending the
/// transfer again finishes it with each county's quota moved exactly once.</summary>
/// <summary>Each test on a cluster of its own: ledgers exist only for the five real counties, so tests cannot take a
/// fresh county each on a shared cluster.</summary>
public sealed class QuotaTransferCommitFailureTests : IAsyncLifetime
{
    private LandFlowCluster Cluster { get; set; } = null!;

    public async Task InitializeAsync() => Cluster = await LandFlowCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    [Theory]
    [InlineData(CommitFault.BeforeWrite, 0)]
    [InlineData(CommitFault.AfterWrite, 0)]
    [InlineData(CommitFault.BeforeWrite, 1)]
    [InlineData(CommitFault.AfterWrite, 1)]
    public async Task Execute_CommitFails_LeavesTheTransferAsStoredAndSendingItAgainMovesQuotaOnce(CommitFault when, long atVersion)
    {
        var (from, to) = ("330502", "330503");
        Assert.Null((await Cluster.Ledger(from).DepositLotAsync(new DepositLotCommand("LOT-1", "土地整治项目", 300m, 100m, 7, new DateOnly(2025, 6, 30)), ProjectDriver.Admin)).Refusal);
        var transfer = new TransferCommand("T-" + from, from, to, 120m, 50m, 3_600_000m, "leader-li");
        var stream = QuotaStreams.Transfer(transfer.TransferId);
        var grain = Cluster.Client.GetGrain<IQuotaTransferGrain>(transfer.TransferId);
        Cluster.Faults.Store.FailNextCommit(stream, when, atVersion);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => grain.ExecuteAsync(transfer, ProjectDriver.Admin));

        var expected = atVersion + (when == CommitFault.AfterWrite ? 1 : 0);
        var stored = await Cluster.Store.LoadAsync(stream);
        Assert.Equal(expected, stored?.Version ?? 0);
        Assert.Equal(expected, (await Cluster.Store.ReadEventsAsync(stream)).Count);

        var reply = await grain.ExecuteAsync(transfer, ProjectDriver.Admin);

        Assert.Equal(TransferStates.Completed, reply.Transfer!.State);
        Assert.Contains("\"completed\"", (await Cluster.Store.LoadAsync(stream))!.StateJson, StringComparison.Ordinal);
        var kinds = (await Cluster.Store.ReadEventsAsync(stream)).Select(e => e.Kind).ToList();
        Assert.Equal(["transfer-requested", "transfer-sent", "transfer-completed"], kinds);
        var source = (await Cluster.Ledger(from).GetAsync(ProjectDriver.Admin)).Ledger!;
        var target = (await Cluster.Ledger(to).GetAsync(ProjectDriver.Admin)).Ledger!;
        Assert.Equal((180m, 50m), (source.Available.AreaMu, source.Available.PaddyMu));
        Assert.Equal((120m, 50m), (target.Available.AreaMu, target.Available.PaddyMu));
        Assert.Equal(300m * 900m, source.Available.CapacityKg + target.Available.CapacityKg);
    }
}
