using System.Text.Json;
using static Workflow.Domain.Tests.QuotaFixtures;

namespace Workflow.Domain.Tests;

public sealed class CountyQuotaLedgerJsonTests
{
    // Lots in every state, reservations in every status, transfers both ways.
    private static CountyQuotaLedger Busy()
    {
        var ledger = Ledger(
            Lot("L1", 100m, 20m, grade: 5, certifiedOn: Certified2021),
            Lot("L2", 33.33m, 33.33m, grade: 7, capacityKg: 29_000.5m));
        ledger.Reserve("reserved", "P1", new QuotaAmount(10m, 4m, 11_000m), Later(1));
        ledger.Reserve("consumed", "P2", new QuotaAmount(5m, 1m, 5_500m), Later(2));
        ledger.Consume("consumed", Later(3));
        ledger.Reserve("released", "P3", new QuotaAmount(7m, 0m, 100m), Later(4));
        ledger.Release("released", Later(5));
        ledger.TransferOut("out", Deqing, 20m, 3m, 600_000m, "Huzhou bureau", Later(6));
        ledger.TransferIn(
            "in",
            Anji,
            [new TransferredQuotaPart("X9", "reclamation-X9", 11, Certified2023, 8m, 0m, 4_000m)],
            240_000m,
            "Huzhou bureau",
            Later(7));
        return ledger;
    }

    [Fact]
    public void ToJsonFromJson_BusyLedger_KeepsEverything()
    {
        var original = Busy();
        var store = new LedgerStore();
        store.Commit(original);
        var json = store.StateJson;

        var loaded = store.Load();
        store.RecallAll(loaded, "consumed", "released");

        Assert.Equal(json, loaded.ToJson());
        Assert.Equal(original.County, loaded.County);
        Assert.Equal(original.Available, loaded.Available);
        Assert.Equal(original.Reserved, loaded.Reserved);
        Assert.Equal(original.Consumed, loaded.Consumed);
        Assert.Equal(original.DepositedNet, loaded.DepositedNet);
        Assert.Equal(original.LotsInDrawingOrder(), loaded.LotsInDrawingOrder());
        Assert.Equal(original.FindReservation("consumed")!.Draws, loaded.FindReservation("consumed")!.Draws);
        Assert.Equal(ReservationStatus.Released, loaded.FindReservation("released")!.Status);
        Assert.Equal(Later(5), loaded.FindReservation("released")!.SettledAt);
        Assert.Equal(original.FindTransfer("out")!.Parts, loaded.FindTransfer("out")!.Parts);
        Assert.Equal(original.State.LastMovementSequence, loaded.State.LastMovementSequence);
        AssertSound(loaded);
    }

    [Fact]
    public void FromJson_LoadedLedger_KeepsIdempotencyAndCarriesOn()
    {
        var store = new LedgerStore();
        store.Commit(Busy());
        var loaded = store.Load();
        store.RecallAll(loaded, "released", "consumed", "reserved");
        var sequence = loaded.State.LastMovementSequence;

        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, loaded.Reserve("released", "P3", new QuotaAmount(7m, 0m, 100m), Later(10)).Kind);
        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, loaded.Consume("consumed", Later(10)).Kind);
        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, loaded.DepositLot(Lot("L1", 100m, 20m, grade: 5, certifiedOn: Certified2021), Later(10)).Kind);
        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, loaded.TransferOut("out", Deqing, 20m, 3m, 600_000m, "Huzhou bureau", Later(10)).Kind);
        AssertRefused(loaded.Release("consumed", Later(10)), Rules.ReservationConsumed);

        var consumed = loaded.Consume("reserved", Later(11));

        Assert.True(consumed.IsApplied);
        Assert.Equal(sequence + 1, consumed.Movements[0].Sequence);
        Assert.Equal(QuotaAmount.Zero, loaded.Reserved);
        AssertSound(loaded);
    }

    [Fact]
    public void State_PlainSerializerWithWebOptions_RoundTrips()
    {
        // A grain may persist the state with its own serializer settings rather than ToJson.
        var original = Busy();
        var json = JsonSerializer.Serialize(original.State, JsonSerializerOptions.Web);

        var state = JsonSerializer.Deserialize<CountyQuotaLedgerState>(json, JsonSerializerOptions.Web)!;
        var loaded = new CountyQuotaLedger(state);

        Assert.Equal(original.ToJson(), loaded.ToJson());
        Assert.Contains("\"status\":\"Reserved\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Movements_JsonRoundTrip_KeepsAuditFields()
    {
        var ledger = Ledger(Lot("L1", 100m, 20m));
        var movements = ledger.TransferOut("T1", Deqing, 10m, 2m, 300_000m, "Huzhou bureau", At).Movements;

        var loaded = JsonSerializer.Deserialize<List<QuotaMovement>>(JsonSerializer.Serialize(movements))!;

        Assert.Equal(movements, loaded);
    }

    [Fact]
    public void Outcome_JsonRoundTrip_KeepsRefusal()
    {
        var outcome = Ledger(Lot("L1", 1m)).Reserve("R1", "P1", new QuotaAmount(2m, 0m, 0m), At);

        var loaded = JsonSerializer.Deserialize<QuotaOutcome>(JsonSerializer.Serialize(outcome))!;

        Assert.Equal(QuotaOutcomeKind.Refused, loaded.Kind);
        Assert.Equal(outcome.Refusal, loaded.Refusal);
    }

    [Fact]
    public void FromJson_NoCounty_Throws() =>
        Assert.Throws<ArgumentException>(() => CountyQuotaLedger.FromJson("{}"));
}
