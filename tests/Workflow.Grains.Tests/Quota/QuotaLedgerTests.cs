using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains.Tests;

/// <summary>Ledgers are per county, so each test has a cluster of its own.</summary>
public sealed class QuotaLedgerTests : IAsyncLifetime
{
    private LandFlowCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await LandFlowCluster.StartAsync();

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task DepositLot_Twice_CountsOnce()
    {
        await DepositAsync("330502", "LOT-1", 200m, 80m);

        var again = await cluster.Ledger("330502").DepositLotAsync(Lot("LOT-1", 200m, 80m), ProjectDriver.Admin);

        Assert.True(again.AlreadyApplied);
        Assert.Equal(200m, ((await cluster.Ledger("330502").GetAsync(ProjectDriver.Platform)).Ledger!).Available.AreaMu);
    }

    [Fact]
    public async Task Reserve_ShortOfPaddy_IsRefusedAndLeavesTheLedgerAsItWas()
    {
        await DepositAsync("330502", "LOT-1", 500m, 10m);
        var before = (await cluster.Ledger("330502").GetAsync(ProjectDriver.Platform)).Ledger!;
        var project = await ProjectDriver.RegisterAsync(cluster);
        await project.ToFarmlandBalanceAsync();

        var reply = await project.ReserveAsync();

        Assert.Equal("quota-paddy-short", reply.Refusal!.Rule);
        Assert.Equal(RefusalKind.Conflict, reply.Refusal.Kind);
        Assert.Equivalent(before, (await cluster.Ledger("330502").GetAsync(ProjectDriver.Platform)).Ledger!);
        Assert.Equal("unbalanced", (await project.StatusAsync()).Balance.State);
        Assert.DoesNotContain((await project.Grain.GetHistoryAsync(ProjectDriver.Admin)).Items!, e => e.Kind == EventKinds.Reserve);
    }

    [Fact]
    public async Task Reserve_AcrossTwoCounties_DrawsTheProjectsCountyFirst()
    {
        await DepositAsync("330502", "LOT-A", 60m, 40m);
        await DepositAsync("330503", "LOT-B", 200m, 100m);
        var project = await ProjectDriver.RegisterAsync(cluster);
        await project.ToFarmlandBalanceAsync();

        var reply = await project.ReserveAsync("330503");

        Assert.Null(reply.Refusal);
        var balance = reply.Project!.Balance;
        Assert.Equal("reserved", balance.State);
        Assert.Equal(60m, balance.Counties.Single(c => c.County == "330502").Amount.AreaMu);
        Assert.Equal(40m, balance.Counties.Single(c => c.County == "330503").Amount.AreaMu);
        Assert.Equal(0m, ((await cluster.Ledger("330502").GetAsync(ProjectDriver.Platform)).Ledger!).Available.AreaMu);
        Assert.Equal(160m, ((await cluster.Ledger("330503").GetAsync(ProjectDriver.Platform)).Ledger!).Available.AreaMu);
    }

    [Fact]
    public async Task RejectFiling_Reserved_ReleasesTheReservation()
    {
        await DepositAsync("330502", "LOT-1", 300m, 100m);
        var project = await ProjectDriver.RegisterAsync(cluster);
        await project.ReadyForFilingAsync();
        Assert.Equal(100m, ((await cluster.Ledger("330502").GetAsync(ProjectDriver.Platform)).Ledger!).Reserved.AreaMu);
        await project.DoAsync("filing", StepActions.Start);

        var status = await project.DoAsync("filing", StepActions.Reject, reason: "Not in line with the land-use plan.");

        var ledger = (await cluster.Ledger("330502").GetAsync(ProjectDriver.Platform)).Ledger!;
        Assert.Equal("rejected", status.State);
        Assert.Equal("released", status.Balance.State);
        Assert.Equal(0m, ledger.Reserved.AreaMu);
        Assert.Equal(300m, ledger.Available.AreaMu);
        Assert.Contains((await project.Grain.GetHistoryAsync(ProjectDriver.Admin)).Items!, e => e.Kind == EventKinds.QuotaReleased);
    }

    [Fact]
    public async Task ApproveFiling_Reserved_ConsumesTheReservation()
    {
        await DepositAsync("330502", "LOT-1", 300m, 100m);
        var project = await ProjectDriver.RegisterAsync(cluster);
        await project.ReadyForFilingAsync();

        await project.FinishAsync("filing");

        var ledger = (await cluster.Ledger("330502").GetAsync(ProjectDriver.Platform)).Ledger!;
        Assert.Equal("approved", (await project.StatusAsync()).State);
        Assert.Equal(100m, ledger.Consumed.AreaMu);
        Assert.Equal(0m, ledger.Reserved.AreaMu);
        Assert.Equal(200m, ledger.Available.AreaMu);
    }

    [Fact]
    public async Task Reserve_FiftyConcurrentOfTenMuFromTwoHundred_ExactlyTwentySucceed()
    {
        await DepositAsync("330523", "LOT-1", 200m, 200m);
        var projects = new List<ProjectDriver>();
        for (var i = 0; i < 50; i++)
        {
            var project = await ProjectDriver.RegisterAsync(cluster, ProjectDriver.Registration("330523", areaMu: 20m, cultivatedMu: 10m, paddyMu: 0m, grade: 7));
            await project.ToFarmlandBalanceAsync();
            projects.Add(project);
        }

        var replies = await Task.WhenAll(projects.Select(p => p.ReserveAsync()));

        Assert.Equal(20, replies.Count(r => r.Refusal is null));
        Assert.All(replies.Where(r => r.Refusal is not null), r => Assert.Equal("quota-area-short", r.Refusal!.Rule));
        var ledger = (await cluster.Ledger("330523").GetAsync(ProjectDriver.Platform)).Ledger!;
        Assert.Equal(200m, ledger.Reserved.AreaMu);
        Assert.Equal(0m, ledger.Available.AreaMu);
        Assert.Equal(ledger.Deposited.AreaMu, ledger.Available.AreaMu + ledger.Reserved.AreaMu + ledger.Consumed.AreaMu);
        Assert.Equal(ledger.Deposited.CapacityKg, ledger.Available.CapacityKg + ledger.Reserved.CapacityKg + ledger.Consumed.CapacityKg);
    }

    [Fact]
    public async Task Reserve_CallFailsBetweenTheLedgers_IsReleasedOnRedriveAndCountedOnceOnRetry()
    {
        await DepositAsync("330502", "LOT-A", 60m, 40m);
        await DepositAsync("330503", "LOT-B", 200m, 100m);
        var project = await ProjectDriver.RegisterAsync(cluster);
        await project.ToFarmlandBalanceAsync();

        // The second county's ledger reserves, then its answer is lost, as if the silo died there.
        cluster.Faults.FailAfterNext(nameof(IQuotaLedgerGrain.ReserveAsync), c => c.TargetId.Key.ToString() == "330503");
        await Assert.ThrowsAnyAsync<Exception>(() => project.ReserveAsync("330503"));
        Assert.Equal(1, cluster.Faults.Fired);

        // No request to the project: the deadline scheduler re-drives the recorded intent.
        await cluster.Deadlines.SweepAsync();

        var a = (await cluster.Ledger("330502").GetAsync(ProjectDriver.Platform)).Ledger!;
        var b = (await cluster.Ledger("330503").GetAsync(ProjectDriver.Platform)).Ledger!;
        Assert.Equal((0m, 60m), (a.Reserved.AreaMu, a.Available.AreaMu));
        Assert.Equal((0m, 200m), (b.Reserved.AreaMu, b.Available.AreaMu));
        Assert.Equal("unbalanced", (await project.StatusAsync()).Balance.State);

        var retry = await project.ReserveAsync("330503");

        Assert.Null(retry.Refusal);
        a = (await cluster.Ledger("330502").GetAsync(ProjectDriver.Platform)).Ledger!;
        b = (await cluster.Ledger("330503").GetAsync(ProjectDriver.Platform)).Ledger!;
        Assert.Equal(100m, a.Reserved.AreaMu + b.Reserved.AreaMu);
        Assert.Equal(260m, a.Available.AreaMu + b.Available.AreaMu + a.Reserved.AreaMu + b.Reserved.AreaMu);
        Assert.Single((await project.Grain.GetHistoryAsync(ProjectDriver.Admin)).Items!, e => e.Kind == EventKinds.Reserve);
    }

    [Fact]
    public async Task Reserve_LedgerLostWithItsSilo_AnswersUnavailableAndTheRepeatReservesOnce()
    {
        var (project, lost) = await ReservationLostWithTheLedgersSiloAsync();

        Assert.Equal((RefusalKind.Unavailable, Rules.QuotaLedgerUnavailable), (lost.Refusal!.Kind, lost.Refusal.Rule));
        var repeated = await project.ReserveAsync();

        Assert.Null(repeated.Refusal);
        var ledger = (await cluster.Ledger("330502").GetAsync(ProjectDriver.Platform)).Ledger!;
        Assert.Equal((100m, 200m), (ledger.Reserved.AreaMu, ledger.Available.AreaMu));
        Assert.Single((await project.Grain.GetHistoryAsync(ProjectDriver.Admin)).Items!, e => e.Kind == EventKinds.Reserve);
    }

    [Fact]
    public async Task Reserve_EarlierReservationNotYetUndone_AnswersUnavailableAndKeepsItToUndo()
    {
        var (project, _) = await ReservationLostWithTheLedgersSiloAsync();

        // Undoing the first reservation fails too: a second one must not replace it while a ledger holds it.
        cluster.Faults.FailAfterEach(nameof(IQuotaLedgerGrain.ReleaseAsync), SiloLost);
        var waiting = await project.ReserveAsync();
        cluster.Faults.Disarm();

        Assert.Equal(RefusalKind.Unavailable, waiting.Refusal!.Kind);
        Assert.Contains("#r1 is still being undone", waiting.Refusal.Detail, StringComparison.Ordinal);
        var repeated = await project.ReserveAsync();

        Assert.Null(repeated.Refusal);
        Assert.EndsWith("#r2", repeated.Project!.Balance.ReservationId, StringComparison.Ordinal);
        var ledger = (await cluster.Ledger("330502").GetAsync(ProjectDriver.Platform)).Ledger!;
        Assert.Equal((100m, 200m), (ledger.Reserved.AreaMu, ledger.Available.AreaMu));
    }

    [Fact]
    public async Task ApproveFiling_ConsumeAnswerLost_IsReDrivenAndCountedOnce()
    {
        await DepositAsync("330502", "LOT-1", 300m, 100m);
        var project = await ProjectDriver.RegisterAsync(cluster);
        await project.ReadyForFilingAsync();
        await project.DoAsync("filing", StepActions.Start);
        cluster.Faults.FailAfterNext(nameof(IQuotaLedgerGrain.ConsumeAsync));

        // The act is acknowledged once durable; the consumption it owes follows from the outbox.
        var approved = await project.DoAsync("filing", StepActions.Complete);
        Assert.Equal("approved", approved.State);
        Assert.Equal(1, cluster.Faults.Fired);

        await cluster.Deadlines.SweepAsync();

        var ledger = (await cluster.Ledger("330502").GetAsync(ProjectDriver.Platform)).Ledger!;
        Assert.Equal((100m, 0m, 200m), (ledger.Consumed.AreaMu, ledger.Reserved.AreaMu, ledger.Available.AreaMu));
        Assert.Single((await project.Grain.GetHistoryAsync(ProjectDriver.Admin)).Items!, e => e.Kind == EventKinds.QuotaConsumed);
    }

    [Fact]
    public async Task Transfer_BetweenCounties_ConservesQuotaAndIsIdempotent()
    {
        await DepositAsync("330502", "LOT-1", 300m, 100m);
        var transfer = new TransferCommand("T-2026-001", "330502", "330522", 120m, 50m, 3_600_000m, "leader-li");
        var grain = cluster.Client.GetGrain<IQuotaTransferGrain>(transfer.TransferId);

        var first = await grain.ExecuteAsync(transfer, ProjectDriver.Admin);
        var second = await grain.ExecuteAsync(transfer, ProjectDriver.Admin);
        var conflicting = await grain.ExecuteAsync(transfer with { AreaMu = 10m }, ProjectDriver.Admin);

        Assert.Equal(TransferStates.Completed, first.Transfer!.State);
        Assert.Equal(TransferStates.Completed, second.Transfer!.State);
        Assert.Equal(Rules.TransferConflict, conflicting.Refusal!.Rule);
        var from = (await cluster.Ledger("330502").GetAsync(ProjectDriver.Platform)).Ledger!;
        var to = (await cluster.Ledger("330522").GetAsync(ProjectDriver.Platform)).Ledger!;
        Assert.Equal((180m, 50m), (from.Available.AreaMu, from.Available.PaddyMu));
        Assert.Equal((120m, 50m), (to.Available.AreaMu, to.Available.PaddyMu));
        Assert.Equal(300m * 900m, from.Available.CapacityKg + to.Available.CapacityKg);
    }

    /// <summary>A project at its farmland balance whose reservation the ledger made, before its silo died ahead of
    /// the project hearing back; 300 mu deposited, 100 mu asked.</summary>
    private async Task<(ProjectDriver Project, ProjectReply Lost)> ReservationLostWithTheLedgersSiloAsync()
    {
        await DepositAsync("330502", "LOT-1", 300m, 100m);
        var project = await ProjectDriver.RegisterAsync(cluster);
        await project.ToFarmlandBalanceAsync();
        cluster.Faults.FailAfterNext(nameof(IQuotaLedgerGrain.ReserveAsync), @as: SiloLost);
        return (project, await project.ReserveAsync());
    }

    private static Exception SiloLost(IIncomingGrainCallContext context) =>
        new Orleans.Runtime.SiloUnavailableException($"The target silo became unavailable for message: {context.InterfaceMethod.Name} (injected).");

    private static DepositLotCommand Lot(string id, decimal area, decimal paddy) =>
        new(id, "土地整治项目 " + id, area, paddy, 7, new DateOnly(2025, 6, 30));

    private async Task DepositAsync(string county, string id, decimal area, decimal paddy)
    {
        var reply = await cluster.Ledger(county).DepositLotAsync(Lot(id, area, paddy), ProjectDriver.Admin);
        Assert.Null(reply.Refusal);
    }
}
