using Microsoft.Extensions.Time.Testing;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Storage;
using Xunit.Abstractions;

namespace Workflow.Grains.Tests;

/// <summary>Settled reservations leave the ledger's state for the stream's archive, in the same commit, and repeats
/// of their ids are answered from there, also by a later activation.</summary>
public sealed class QuotaLedgerArchiveTests(ITestOutputHelper output)
{
    private static readonly QuotaView Ten = new(10m, 2m, 9_000m);

    [Fact]
    public async Task Ledger_FiveHundredReserveConsumeCycles_CommitsAStateOfTheSameSize()
    {
        await using var cluster = await LandFlowCluster.StartAsync();
        var ledger = cluster.Ledger("330502");
        Assert.Null((await ledger.DepositLotAsync(Lot("LOT-1", 100_000m, 50_000m), ProjectDriver.Admin)).Refusal);
        var sizes = new List<int>();

        for (var i = 1; i <= 500; i++)
        {
            Assert.Null((await ledger.ReserveAsync(Id(i), Project(i), Ten, ProjectDriver.Platform)).Refusal);
            Assert.Null((await ledger.ConsumeAsync(Id(i), ProjectDriver.Platform)).Refusal);
            if (i is 1 or 10 or 100 or 500)
            {
                // Measured in one writer's form: a state loaded from its snapshot and one folded from deltas may escape differently.
                var stored = (await cluster.Store.LoadAsync(QuotaStreams.Ledger("330502")))!.StateJson;
                sizes.Add(System.Text.Json.Nodes.JsonNode.Parse(stored)!.ToJsonString().Length);
            }
        }

        output.WriteLine($"ledger state JSON after 1, 10, 100, 500 settled reservations: {string.Join(", ", sizes)} chars");
        Assert.InRange(sizes[^1] - sizes[0], 0, 40);
        var view = (await ledger.GetAsync(ProjectDriver.Platform)).Ledger!;
        Assert.Equal((5_000m, 0m), (view.Consumed.AreaMu, view.Reserved.AreaMu));
        await AssertArchiveAgreesAsync(cluster, "330502", settled: 500);

        // A late repeat of the first id is answered as before and changes nothing.
        Assert.True((await ledger.ConsumeAsync(Id(1), ProjectDriver.Platform)).AlreadyApplied);
        Assert.True((await ledger.ReserveAsync(Id(1), Project(1), Ten, ProjectDriver.Platform)).AlreadyApplied);
        Assert.Equal(Rules.ReservationConsumed, (await ledger.ReleaseAsync(Id(1), ProjectDriver.Platform)).Refusal!.Rule);
        Assert.Equal(Rules.ReservationConflict, (await ledger.ReserveAsync(Id(1), "other", Ten, ProjectDriver.Platform)).Refusal!.Rule);
        Assert.Equivalent(view, (await ledger.GetAsync(ProjectDriver.Platform)).Ledger!);
    }

    [Fact]
    public async Task Ledger_RepeatsAfterRestart_AnsweredFromTheArchiveNeverAppliedTwice()
    {
        var directory = Directory.CreateTempSubdirectory("landflow-archive-").FullName;
        var clock = new FakeTimeProvider(LandFlowCluster.Start);
        await using (var first = await LandFlowCluster.StartAsync(directory, clock, ownsDirectory: false))
        {
            var ledger = first.Ledger("330503");
            await ledger.DepositLotAsync(Lot("LOT-1", 100m, 20m), ProjectDriver.Admin);
            await ledger.ReserveAsync("C#r1", "C", Ten, ProjectDriver.Platform);
            await ledger.ConsumeAsync("C#r1", ProjectDriver.Platform);
            await ledger.ReserveAsync("R#r1", "R", Ten, ProjectDriver.Platform);
            await ledger.ReleaseAsync("R#r1", ProjectDriver.Platform);
        }

        await using var second = await LandFlowCluster.StartAsync(directory, clock, ownsDirectory: true);
        var again = second.Ledger("330503");
        var before = (await again.GetAsync(ProjectDriver.Platform)).Ledger!;

        Assert.True((await again.ConsumeAsync("C#r1", ProjectDriver.Platform)).AlreadyApplied);
        Assert.True((await again.ReleaseAsync("R#r1", ProjectDriver.Platform)).AlreadyApplied);
        Assert.True((await again.ReserveAsync("R#r1", "R", Ten, ProjectDriver.Platform)).AlreadyApplied);
        Assert.Equal(Rules.ReservationReleased, (await again.ConsumeAsync("R#r1", ProjectDriver.Platform)).Refusal!.Rule);
        Assert.Equal(Rules.ReservationConsumed, (await again.ReleaseAsync("C#r1", ProjectDriver.Platform)).Refusal!.Rule);
        Assert.Equal(Rules.ReservationUnknown, (await again.ConsumeAsync("N#r1", ProjectDriver.Platform)).Refusal!.Rule);
        Assert.True((await again.ReleaseAsync("N#r1", ProjectDriver.Platform)).AlreadyApplied);
        Assert.Equivalent(before, (await again.GetAsync(ProjectDriver.Platform)).Ledger!);
        Assert.Equal((10m, 90m), (before.Consumed.AreaMu, before.Available.AreaMu));

        Assert.Null((await again.ReserveAsync("N#r1", "N", Ten, ProjectDriver.Platform)).Refusal);
        Assert.Equal(10m, ((await again.GetAsync(ProjectDriver.Platform)).Ledger!).Reserved.AreaMu);
        await AssertArchiveAgreesAsync(second, "330503", settled: 2);
    }

    [Fact]
    public async Task Ledger_StateStoredByTheBuildBeforeTheArchive_LoadsAnswersAndMovesItsSettledOut()
    {
        await using var cluster = await LandFlowCluster.StartAsync();
        await cluster.Store.CommitAsync(new AggregateCommit(QuotaStreams.Ledger("330521"), 0, Format0State("330521"), []));
        var ledger = cluster.Ledger("330521");

        Assert.True((await ledger.ConsumeAsync("R-consumed", ProjectDriver.Platform)).AlreadyApplied);
        Assert.True((await ledger.ReleaseAsync("R-released", ProjectDriver.Platform)).AlreadyApplied);
        Assert.Equal(Rules.ReservationConsumed, (await ledger.ReleaseAsync("R-consumed", ProjectDriver.Platform)).Refusal!.Rule);
        Assert.Contains("R-consumed", (await cluster.Store.LoadAsync(QuotaStreams.Ledger("330521")))!.StateJson, StringComparison.Ordinal);

        Assert.Null((await ledger.ConsumeAsync("R-open", ProjectDriver.Platform)).Refusal);

        var stored = (await cluster.Store.LoadAsync(QuotaStreams.Ledger("330521")))!;
        Assert.DoesNotContain("R-consumed", stored.StateJson, StringComparison.Ordinal);
        Assert.DoesNotContain("R-open", stored.StateJson, StringComparison.Ordinal);
        Assert.Equal(2, stored.Version);
        var view = (await ledger.GetAsync(ProjectDriver.Platform)).Ledger!;
        Assert.Equal((105m, 0m, 25m), (view.Consumed.AreaMu, view.Reserved.AreaMu, view.Available.AreaMu));
        await AssertArchiveAgreesAsync(cluster, "330521", settled: 3);
    }

    [Fact]
    public async Task ApproveFiling_ConsumeAnswerLostThenSiloRestarted_ReDriveIsAnsweredFromTheArchiveAndCountedOnce()
    {
        var directory = Directory.CreateTempSubdirectory("landflow-archive-").FullName;
        var clock = new FakeTimeProvider(LandFlowCluster.Start);
        string code;
        await using (var first = await LandFlowCluster.StartAsync(directory, clock, ownsDirectory: false))
        {
            Assert.Null((await first.Ledger("330502").DepositLotAsync(Lot("LOT-1", 300m, 100m), ProjectDriver.Admin)).Refusal);
            var project = await ProjectDriver.RegisterAsync(first);
            await project.ReadyForFilingAsync();
            await project.DoAsync("filing", StepActions.Start);
            first.Faults.FailAfterNext(nameof(IQuotaLedgerGrain.ConsumeAsync));

            Assert.Equal("approved", (await project.DoAsync("filing", StepActions.Complete)).State);
            Assert.Equal(1, first.Faults.Fired);
            code = project.Code;
        }

        // The ledger consumed and archived the reservation; the project's outbox still owes the consumption.
        await using var second = await LandFlowCluster.StartAsync(directory, clock, ownsDirectory: true);
        await second.Deadlines.SweepAsync();

        var ledger = (await second.Ledger("330502").GetAsync(ProjectDriver.Platform)).Ledger!;
        Assert.Equal((100m, 0m, 200m), (ledger.Consumed.AreaMu, ledger.Reserved.AreaMu, ledger.Available.AreaMu));
        var history = (await second.Project(code).GetHistoryAsync(ProjectDriver.Admin)).Items!;
        Assert.Single(history, e => e.Kind == EventKinds.QuotaConsumed);
        Assert.Equal("consumed", (await new ProjectDriver(second, code).StatusAsync()).Balance.State);
        await AssertArchiveAgreesAsync(second, "330502", settled: 1);
    }

    /// <summary>The stored state is sound on its own, and the whole archive agrees with it lot by lot.</summary>
    private static async Task AssertArchiveAgreesAsync(LandFlowCluster cluster, string county, int settled)
    {
        var stored = CountyQuotaLedger.FromJson((await cluster.Store.LoadAsync(QuotaStreams.Ledger(county)))!.StateJson);
        var archived = await QuotaLedgerCommits.ReadArchiveAsync(cluster.Store, county, pageSize: 64);

        Assert.Empty(stored.FindInvariantViolations());
        Assert.Empty(stored.FindArchiveViolations(archived));
        Assert.Equal(settled, archived.Count);
        Assert.Equal(settled, stored.State.SettledReservations);
    }

    private static string Id(int i) => $"P{i:D4}#r1";

    private static string Project(int i) => $"P{i:D4}";

    private static DepositLotCommand Lot(string id, decimal area, decimal paddy) =>
        new(id, "土地整治项目 " + id, area, paddy, 7, new DateOnly(2025, 6, 30));

    // As the build before the archive stored it: one open reservation (10 mu), one consumed (95 mu), one released.
    private static string Format0State(string county) => """
        {"County":"COUNTY","Lots":{"L1":{"LotId":"L1","Source":"consolidation-L1","AreaMu":100,"PaddyMu":20,"Grade":5,"CertifiedOn":"2021-06-01","CapacityKg":110000,"Available":{"AreaMu":0,"PaddyMu":15,"CapacityKg":0},"Reserved":{"AreaMu":10,"PaddyMu":4,"CapacityKg":11000},"Consumed":{"AreaMu":90,"PaddyMu":1,"CapacityKg":99000},"TransferredOut":{"AreaMu":0,"PaddyMu":0,"CapacityKg":0}},"L2":{"LotId":"L2","Source":"consolidation-L2","AreaMu":30,"PaddyMu":10,"Grade":7,"CertifiedOn":"2022-06-01","CapacityKg":27000,"Available":{"AreaMu":25,"PaddyMu":10,"CapacityKg":26000},"Reserved":{"AreaMu":0,"PaddyMu":0,"CapacityKg":0},"Consumed":{"AreaMu":5,"PaddyMu":0,"CapacityKg":1000},"TransferredOut":{"AreaMu":0,"PaddyMu":0,"CapacityKg":0}}},"Reservations":{"R-open":{"ReservationId":"R-open","ProjectCode":"P1","Amount":{"AreaMu":10,"PaddyMu":4,"CapacityKg":11000},"Draws":[{"LotId":"L1","Amount":{"AreaMu":10,"PaddyMu":4,"CapacityKg":11000}}],"Status":"Reserved","ReservedAt":"2025-03-01T09:01:00+08:00","SettledAt":null},"R-consumed":{"ReservationId":"R-consumed","ProjectCode":"P2","Amount":{"AreaMu":95,"PaddyMu":1,"CapacityKg":100000},"Draws":[{"LotId":"L1","Amount":{"AreaMu":90,"PaddyMu":1,"CapacityKg":99000}},{"LotId":"L2","Amount":{"AreaMu":5,"PaddyMu":0,"CapacityKg":1000}}],"Status":"Consumed","ReservedAt":"2025-03-01T09:02:00+08:00","SettledAt":"2025-03-01T09:03:00+08:00"},"R-released":{"ReservationId":"R-released","ProjectCode":"P3","Amount":{"AreaMu":7,"PaddyMu":0,"CapacityKg":100},"Draws":[{"LotId":"L2","Amount":{"AreaMu":7,"PaddyMu":0,"CapacityKg":100}}],"Status":"Released","ReservedAt":"2025-03-01T09:04:00+08:00","SettledAt":"2025-03-01T09:05:00+08:00"}},"Transfers":{},"Deposited":{"AreaMu":130,"PaddyMu":30,"CapacityKg":137000},"TransferredIn":{"AreaMu":0,"PaddyMu":0,"CapacityKg":0},"TransferredOut":{"AreaMu":0,"PaddyMu":0,"CapacityKg":0},"LastMovementSequence":9}
        """.Replace("COUNTY", county, StringComparison.Ordinal);
}
