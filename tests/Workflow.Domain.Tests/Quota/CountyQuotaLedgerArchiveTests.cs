using static Workflow.Domain.Tests.QuotaFixtures;

namespace Workflow.Domain.Tests;

/// <summary>Settled reservations leave the state for the archive; ids stay answered exactly as before.</summary>
public sealed class CountyQuotaLedgerArchiveTests
{
    private static readonly QuotaAmount Ten = new(10m, 2m, 11_000m);

    // The state as the build before the archive wrote it: one open, one consumed and one released reservation.
    private const string Format0Json = """
        {"County":"Wuxing","Lots":{"L1":{"LotId":"L1","Source":"consolidation-L1","AreaMu":100,"PaddyMu":20,"Grade":5,"CertifiedOn":"2021-06-01","CapacityKg":110000,"Available":{"AreaMu":0,"PaddyMu":15,"CapacityKg":0},"Reserved":{"AreaMu":10,"PaddyMu":4,"CapacityKg":11000},"Consumed":{"AreaMu":90,"PaddyMu":1,"CapacityKg":99000},"TransferredOut":{"AreaMu":0,"PaddyMu":0,"CapacityKg":0}},"L2":{"LotId":"L2","Source":"consolidation-L2","AreaMu":30,"PaddyMu":10,"Grade":7,"CertifiedOn":"2022-06-01","CapacityKg":27000,"Available":{"AreaMu":25,"PaddyMu":10,"CapacityKg":26000},"Reserved":{"AreaMu":0,"PaddyMu":0,"CapacityKg":0},"Consumed":{"AreaMu":5,"PaddyMu":0,"CapacityKg":1000},"TransferredOut":{"AreaMu":0,"PaddyMu":0,"CapacityKg":0}}},"Reservations":{"R-open":{"ReservationId":"R-open","ProjectCode":"P1","Amount":{"AreaMu":10,"PaddyMu":4,"CapacityKg":11000},"Draws":[{"LotId":"L1","Amount":{"AreaMu":10,"PaddyMu":4,"CapacityKg":11000}}],"Status":"Reserved","ReservedAt":"2025-03-01T09:01:00+08:00","SettledAt":null},"R-consumed":{"ReservationId":"R-consumed","ProjectCode":"P2","Amount":{"AreaMu":95,"PaddyMu":1,"CapacityKg":100000},"Draws":[{"LotId":"L1","Amount":{"AreaMu":90,"PaddyMu":1,"CapacityKg":99000}},{"LotId":"L2","Amount":{"AreaMu":5,"PaddyMu":0,"CapacityKg":1000}}],"Status":"Consumed","ReservedAt":"2025-03-01T09:02:00+08:00","SettledAt":"2025-03-01T09:03:00+08:00"},"R-released":{"ReservationId":"R-released","ProjectCode":"P3","Amount":{"AreaMu":7,"PaddyMu":0,"CapacityKg":100},"Draws":[{"LotId":"L2","Amount":{"AreaMu":7,"PaddyMu":0,"CapacityKg":100}}],"Status":"Released","ReservedAt":"2025-03-01T09:04:00+08:00","SettledAt":"2025-03-01T09:05:00+08:00"}},"Transfers":{},"Deposited":{"AreaMu":130,"PaddyMu":30,"CapacityKg":137000},"TransferredIn":{"AreaMu":0,"PaddyMu":0,"CapacityKg":0},"TransferredOut":{"AreaMu":0,"PaddyMu":0,"CapacityKg":0},"LastMovementSequence":9}
        """;

    [Fact]
    public void Consume_Reserved_LeavesTheStateForTheArchiveAndStaysAnswerable()
    {
        var ledger = Ledger(Lot("L1", 200m, 50m));
        ledger.Reserve("R1", "P1", Ten, At);

        ledger.Consume("R1", Later(1));

        Assert.Empty(ledger.State.Reservations);
        Assert.DoesNotContain("R1", ledger.ToJson(), StringComparison.Ordinal);
        var settled = Assert.Single(ledger.Unarchived);
        Assert.Equal((ReservationStatus.Consumed, Later(1)), (settled.Status, settled.SettledAt));
        Assert.Equal(1, ledger.State.SettledReservations);
        Assert.Equal(Ten, ledger.State.ConsumedByReservations);
        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, ledger.Consume("R1", Later(2)).Kind);
        AssertSound(ledger);
    }

    [Fact]
    public void StateJson_FiveHundredReserveConsumeCycles_StaysTheSameSize()
    {
        var ledger = Ledger(Lot("L1", 100_000m, 50_000m), Lot("L2", 100_000m, 50_000m, certifiedOn: Certified2023));
        var store = new LedgerStore();
        var lengths = new List<int>();

        for (var i = 1; i <= 500; i++)
        {
            var id = $"P-{i:D4}#r1";
            store.RecallIfNeeded(ledger, id);
            Assert.True(ledger.Reserve(id, $"P-{i:D4}", Ten, Later(i)).IsApplied);
            store.Commit(ledger);
            Assert.True(ledger.Consume(id, Later(i)).IsApplied);
            store.Commit(ledger);
            lengths.Add(store.StateJson.Length);
        }

        // Only numbers grow: counters and buckets gain a few digits. The format before grew about 450 bytes a cycle.
        Assert.InRange(lengths.Max() - lengths[0], 0, 40);
        Assert.Equal(500, store.ArchivedCount);
        var reloaded = store.Load();
        AssertSound(reloaded);
        Assert.Empty(reloaded.FindArchiveViolations(store.Archived));
        Assert.Equal(new QuotaAmount(5_000m, 1_000m, 5_500_000m), reloaded.Consumed);
    }

    [Fact]
    public void Operations_LoadedLedgerWithArchive_RefuseToGuessBeforeRecall()
    {
        var store = Settled(out _);
        var loaded = store.Load();

        Assert.True(loaded.MustRecall("R-consumed"));
        Assert.True(loaded.MustRecall("R-new"));
        Assert.False(loaded.MustRecall("R-open"));
        Assert.Throws<InvalidOperationException>(() => loaded.Consume("R-consumed", Later(9)));
        Assert.Throws<InvalidOperationException>(() => loaded.Release("R-released", Later(9)));
        Assert.Throws<InvalidOperationException>(() => loaded.Reserve("R-new", "P9", Ten, Later(9)));
        Assert.Throws<InvalidOperationException>(() => loaded.FindReservation("R-consumed"));
    }

    [Fact]
    public void Repeats_LongSettledIdsRecalledFromTheArchive_AnsweredAsBefore()
    {
        var store = Settled(out var before);
        var loaded = store.Load();
        store.RecallAll(loaded, "R-consumed", "R-released", "R-never");

        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, loaded.Reserve("R-consumed", "P2", Ten, Later(20)).Kind);
        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, loaded.Reserve("R-released", "P3", Ten, Later(20)).Kind);
        AssertRefused(loaded.Reserve("R-consumed", "P-other", Ten, Later(20)), Rules.ReservationConflict);
        AssertRefused(loaded.Reserve("R-released", "P3", Ten with { AreaMu = 11m }, Later(20)), Rules.ReservationConflict);
        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, loaded.Consume("R-consumed", Later(20)).Kind);
        AssertRefused(loaded.Release("R-consumed", Later(20)), Rules.ReservationConsumed);
        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, loaded.Release("R-released", Later(20)).Kind);
        AssertRefused(loaded.Consume("R-released", Later(20)), Rules.ReservationReleased);
        Assert.Equal(QuotaOutcomeKind.NothingToRelease, loaded.Release("R-never", Later(20)).Kind);
        AssertRefused(loaded.Consume("R-never", Later(20)), Rules.ReservationUnknown);
        Assert.Equal(before, loaded.ToJson());
        Assert.Empty(loaded.Unarchived);
    }

    [Fact]
    public void Reserve_MoreIdsRecalledBeforeOneCommitThanTheRecallCacheHolds_EachIsApplied()
    {
        // A county ledger recalls every id of a batch first, then runs the batch's operations, then commits.
        var store = Settled(out _);
        var loaded = store.Load();
        var ids = Enumerable.Range(1, 300).Select(i => $"P-{i:D4}#r1").ToList();
        store.RecallAll(loaded, [.. ids]);

        Assert.All(ids, id => Assert.True(loaded.Reserve(id, id[..6], new QuotaAmount(0.01m, 0m, 0m), Later(20)).IsApplied));
        store.Commit(loaded);

        Assert.Equal(301, store.Load().State.Reservations.Count);
    }

    [Fact]
    public void Reserve_NewIdRecalledAsAbsent_IsApplied()
    {
        var store = Settled(out _);
        var loaded = store.Load();
        store.RecallIfNeeded(loaded, "R-new");

        Assert.True(loaded.Reserve("R-new", "P9", Ten, Later(20)).IsApplied);
        Assert.True(loaded.Release("R-new", Later(21)).IsApplied);
        store.Commit(loaded);

        var again = store.Load();
        store.RecallIfNeeded(again, "R-new");
        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, again.Release("R-new", Later(22)).Kind);
        Assert.Equal(3, again.State.SettledReservations);
        Assert.Empty(again.FindArchiveViolations(store.Archived));
    }

    [Fact]
    public void MustRecall_NothingArchivedYet_NeverAsks()
    {
        var ledger = Ledger(Lot("L1", 200m, 50m));
        ledger.Reserve("R1", "P1", Ten, At);
        ledger.Release("R1", Later(1));

        Assert.False(ledger.MustRecall("R-unknown"));
        ledger.MarkArchived();

        Assert.True(ledger.MustRecall("R-unknown"));
        Assert.False(ledger.MustRecall("R1"));
        Assert.False(ledger.MustRecall(""));
    }

    [Fact]
    public void Recall_RecordThatIsNotTheSettledReservation_Throws()
    {
        var store = Settled(out _);
        var loaded = store.Load();
        var consumed = store.Archived.Single(r => r.ReservationId == "R-consumed");

        Assert.Throws<ArgumentException>(() => loaded.Recall("R-released", consumed));
        Assert.Throws<ArgumentException>(() => loaded.Recall("R-consumed", consumed with { Status = ReservationStatus.Reserved }));
        Assert.Throws<InvalidOperationException>(() => loaded.Recall("R-open", null));
    }

    [Fact]
    public void FromJson_Format0State_MovesSettledOutAndAddsUpTheTotals()
    {
        var ledger = CountyQuotaLedger.FromJson(Format0Json);

        Assert.Equal(CountyQuotaLedger.CurrentFormat, ledger.State.Format);
        Assert.Equal(["R-open"], ledger.State.Reservations.Keys);
        Assert.Equal(["R-consumed", "R-released"], ledger.Unarchived.Select(r => r.ReservationId).Order(StringComparer.Ordinal));
        Assert.Equal(2, ledger.State.SettledReservations);
        Assert.Equal(new QuotaAmount(95m, 1m, 100_000m), ledger.State.ConsumedByReservations);
        Assert.False(ledger.MustRecall("R-new"));
        AssertSound(ledger);
        Assert.Empty(ledger.FindArchiveViolations([]));
    }

    [Fact]
    public void FromJson_Format0StateCommittedOnce_ArchivesItsSettledAndAnswersLateRepeats()
    {
        var store = new LedgerStore();
        var migrated = CountyQuotaLedger.FromJson(Format0Json);
        Assert.True(migrated.Consume("R-open", Later(30)).IsApplied);
        store.Commit(migrated);

        var loaded = store.Load();
        store.RecallAll(loaded, "R-consumed", "R-released", "R-open");

        Assert.Equal("""{"Format":1,""", store.StateJson[..12]);
        Assert.Empty(loaded.State.Reservations);
        Assert.Equal(3, store.ArchivedCount);
        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, loaded.Consume("R-consumed", Later(31)).Kind);
        AssertRefused(loaded.Consume("R-released", Later(31)), Rules.ReservationReleased);
        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, loaded.Consume("R-open", Later(31)).Kind);
        Assert.Equal(new QuotaAmount(105m, 5m, 111_000m), loaded.Consumed);
        AssertSound(loaded);
        Assert.Empty(loaded.FindArchiveViolations(store.Archived));
    }

    [Fact]
    public void FromJson_FormatFromANewerBuild_Throws()
    {
        var newer = """{"Format":2,""" + Format0Json.Trim()[1..];

        Assert.Throws<NotSupportedException>(() => CountyQuotaLedger.FromJson(newer));
    }

    [Fact]
    public void FindInvariantViolations_ConsumedTotalOrLotTampered_Reported()
    {
        var ledger = Settled(out _).Load();
        ledger.State.ConsumedByReservations += new QuotaAmount(1m, 0m, 0m);

        Assert.Contains(ledger.FindInvariantViolations(), v => v.Contains("consumed reservations add up", StringComparison.Ordinal));

        var other = Settled(out _).Load();
        other.State.Reservations["R-open"] = other.State.Reservations["R-open"] with { Status = ReservationStatus.Consumed };
        Assert.Contains(other.FindInvariantViolations(), v => v.Contains("still open", StringComparison.Ordinal));
    }

    [Fact]
    public void FindArchiveViolations_RecordMissingOrDrawsWrong_Reported()
    {
        var store = Settled(out _);
        var ledger = store.Load();
        var archived = store.Archived.ToList();

        Assert.Empty(ledger.FindArchiveViolations(archived));
        Assert.Contains(
            ledger.FindArchiveViolations(archived.Where(r => r.ReservationId != "R-released")),
            v => v.Contains("ledger counts 2", StringComparison.Ordinal));
        var consumed = archived.Single(r => r.ReservationId == "R-consumed");
        var moved = consumed with { Draws = [new LotDraw("L2", consumed.Amount)] };
        var violations = ledger.FindArchiveViolations(archived.Select(r => r == consumed ? moved : r));
        Assert.Contains(violations, v => v.StartsWith("Lot 'L1' Consumed bucket", StringComparison.Ordinal));
        Assert.Contains(ledger.FindArchiveViolations([.. archived, consumed]), v => v.Contains("archived twice", StringComparison.Ordinal));
    }

    /// <summary>One open, one consumed, one released reservation, committed, the settled ones archived.</summary>
    private static LedgerStore Settled(out string stateJson)
    {
        var ledger = Ledger(Lot("L1", 200m, 50m));
        ledger.Reserve("R-open", "P1", Ten, At);
        ledger.Reserve("R-consumed", "P2", Ten, Later(1));
        ledger.Consume("R-consumed", Later(2));
        ledger.Reserve("R-released", "P3", Ten, Later(3));
        ledger.Release("R-released", Later(4));
        var store = new LedgerStore();
        store.Commit(ledger);
        stateJson = store.StateJson;
        return store;
    }
}
