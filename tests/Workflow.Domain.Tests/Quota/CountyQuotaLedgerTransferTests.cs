using static Workflow.Domain.Tests.QuotaFixtures;

namespace Workflow.Domain.Tests;

public sealed class CountyQuotaLedgerTransferTests
{
    // A: 100 mu, 20 paddy, grade 5 (1100 kg/mu); B: 50 mu, all paddy, grade 8 (800 kg/mu), certified later.
    private static CountyQuotaLedger Sender() => LedgerOf(
        Wuxing,
        Lot("A", 100m, 20m, grade: 5, certifiedOn: Certified2021),
        Lot("B", 50m, 50m, grade: 8, certifiedOn: Certified2022));

    [Fact]
    public void TransferOut_Available_DrawsOldestFirstWithCapacityProportionalToArea()
    {
        var sender = Sender();

        var outcome = sender.TransferOut("T1", Deqing, 120m, 30m, 3_600_000m, "Huzhou bureau", At);

        Assert.True(outcome.IsApplied);
        Assert.Equal(
            [
                new TransferredQuotaPart("A", "consolidation-A", 5, Certified2021, 100m, 20m, 110_000m),
                new TransferredQuotaPart("B", "consolidation-B", 8, Certified2022, 20m, 10m, 16_000m),
            ],
            outcome.TransferredParts);
        Assert.Equal(new QuotaAmount(30m, 40m, 24_000m), sender.Available);
        Assert.Equal(new QuotaAmount(120m, 30m, 126_000m), sender.State.TransferredOut);
        Assert.Equal(sender.Available, sender.DepositedNet);
        Assert.Equal(QuotaLotStates.TransferredOut, sender.FindLot("A")!.State);
        AssertSound(sender);
    }

    [Fact]
    public void TransferOut_Applied_MovementsCarryPriceApproverAndCounterparty()
    {
        var outcome = Sender().TransferOut("T1", Deqing, 120m, 30m, 3_600_000m, "Huzhou bureau", At);

        Assert.Equal(2, outcome.Movements.Count);
        Assert.All(outcome.Movements, movement =>
        {
            Assert.Equal(QuotaMovementKinds.TransferOut, movement.Kind);
            Assert.Equal("T1", movement.TransferId);
            Assert.Equal(Deqing, movement.Counterparty);
            Assert.Equal(3_600_000m, movement.TransferPriceYuan);
            Assert.Equal("Huzhou bureau", movement.ApprovedBy);
            Assert.Equal(Wuxing, movement.County);
        });
        Assert.Equal(new QuotaAmount(20m, 10m, 16_000m), outcome.Movements[1].Amount);
    }

    [Fact]
    public void TransferOut_PaddyOnly_MovesNoAreaNoCapacity()
    {
        var sender = Sender();

        var part = Assert.Single(sender.TransferOut("T1", Deqing, 0m, 15m, 10m, "bureau", At).TransferredParts);

        Assert.Equal(new QuotaAmount(0m, 15m, 0m), part.Amount);
        Assert.Equal("A", part.SourceLotId);
        AssertSound(sender);
    }

    [Fact]
    public void TransferOut_ShortOfArea_RefusedAndUnchanged()
    {
        var sender = Sender();
        var before = sender.ToJson();

        AssertRefused(sender.TransferOut("T1", Deqing, 151m, 0m, 1m, "bureau", At), Rules.QuotaAreaShort);
        Assert.Equal(before, sender.ToJson());
    }

    [Fact]
    public void TransferOut_ShortOfPaddy_RefusedAndUnchanged()
    {
        var sender = Sender();
        var before = sender.ToJson();

        AssertRefused(sender.TransferOut("T1", Deqing, 10m, 71m, 1m, "bureau", At), Rules.QuotaPaddyShort);
        Assert.Equal(before, sender.ToJson());
    }

    [Fact]
    public void TransferOut_ReservedQuota_NotTransferable()
    {
        var sender = Sender();
        sender.Reserve("R1", "P1", new QuotaAmount(100m, 0m, 0m), At);

        AssertRefused(sender.TransferOut("T1", Deqing, 51m, 0m, 1m, "bureau", Later(1)), Rules.QuotaAreaShort);
        Assert.True(sender.TransferOut("T2", Deqing, 50m, 0m, 1m, "bureau", Later(2)).IsApplied);
        Assert.Equal(100m, sender.Reserved.AreaMu);
        AssertSound(sender);
    }

    [Fact]
    public void TransferOut_CapacityAlreadyReservedFromLot_TakesOnlyWhatIsLeft()
    {
        // A reservation took most of A's capacity but little of its area; capacity can never go negative.
        var sender = Sender();
        sender.Reserve("R1", "P1", new QuotaAmount(1m, 0m, 100_000m), At);

        var parts = sender.TransferOut("T1", Deqing, 99m, 0m, 1m, "bureau", Later(1)).TransferredParts;

        Assert.Equal(new QuotaAmount(99m, 0m, 10_000m), Assert.Single(parts).Amount);
        AssertSound(sender);
    }

    [Fact]
    public void TransferOut_SameIdAgain_AlreadyAppliedWithSameParts()
    {
        var sender = Sender();
        var first = sender.TransferOut("T1", Deqing, 120m, 30m, 3_600_000m, "Huzhou bureau", At);
        var before = sender.ToJson();

        var again = sender.TransferOut("T1", Deqing, 120m, 30m, 3_600_000m, "Huzhou bureau", Later(1));

        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, again.Kind);
        Assert.Equal(first.TransferredParts, again.TransferredParts);
        Assert.Empty(again.Movements);
        Assert.Equal(before, sender.ToJson());
    }

    [Theory]
    [InlineData(Anji, 120, 30, 3600000, "Huzhou bureau")]
    [InlineData(Deqing, 121, 30, 3600000, "Huzhou bureau")]
    [InlineData(Deqing, 120, 31, 3600000, "Huzhou bureau")]
    [InlineData(Deqing, 120, 30, 1, "Huzhou bureau")]
    [InlineData(Deqing, 120, 30, 3600000, "someone else")]
    public void TransferOut_SameIdDifferentContent_RefusedTransferConflict(
        string toCounty, int area, int paddy, int price, string approvedBy)
    {
        var sender = Sender();
        sender.TransferOut("T1", Deqing, 120m, 30m, 3_600_000m, "Huzhou bureau", At);

        AssertRefused(sender.TransferOut("T1", toCounty, area, paddy, price, approvedBy, Later(1)), Rules.TransferConflict);
    }

    [Theory]
    [InlineData("", Deqing, 10, 0, 1, "bureau")]
    [InlineData("T1", Wuxing, 10, 0, 1, "bureau")]
    [InlineData("T1", "", 10, 0, 1, "bureau")]
    [InlineData("T1", Deqing, 0, 0, 1, "bureau")]
    [InlineData("T1", Deqing, -1, 5, 1, "bureau")]
    [InlineData("T1", Deqing, 10, -1, 1, "bureau")]
    [InlineData("T1", Deqing, 10, 0, -1, "bureau")]
    [InlineData("T1", Deqing, 10, 0, 1, "")]
    public void TransferOut_InvalidRequest_RefusedInvalidTransfer(
        string transferId, string toCounty, int area, int paddy, int price, string approvedBy)
    {
        var sender = Sender();

        AssertRefused(sender.TransferOut(transferId, toCounty, area, paddy, price, approvedBy, At), Rules.InvalidTransfer);
        Assert.Empty(sender.State.Transfers);
    }

    [Fact]
    public void TransferIn_Parts_CreatesLotsNamedTransferAndSourceLotKeepingGradeAndSource()
    {
        var parts = Sender().TransferOut("T1", Deqing, 120m, 30m, 3_600_000m, "Huzhou bureau", At).TransferredParts;
        var receiver = new CountyQuotaLedger(Deqing);

        var outcome = receiver.TransferIn("T1", Wuxing, parts, 3_600_000m, "Huzhou bureau", Later(1));

        Assert.True(outcome.IsApplied);
        var lot = receiver.FindLot("T1/A")!;
        Assert.Equal(("consolidation-A", 5, Certified2021), (lot.Source, lot.Grade, lot.CertifiedOn));
        Assert.Equal(new QuotaAmount(100m, 20m, 110_000m), lot.Available);
        Assert.Equal(8, receiver.FindLot("T1/B")!.Grade);
        Assert.Equal(new QuotaAmount(120m, 30m, 126_000m), receiver.Available);
        Assert.Equal(receiver.Available, receiver.State.TransferredIn);
        Assert.All(outcome.Movements, movement => Assert.Equal(QuotaMovementKinds.TransferIn, movement.Kind));
        Assert.Equal(["T1/A", "T1/B"], outcome.Movements.Select(movement => movement.LotId));
        AssertSound(receiver);
    }

    [Fact]
    public void TransferIn_PaddyOnlyPart_BecomesLotAndCanBeReserved()
    {
        var receiver = new CountyQuotaLedger(Deqing);
        var part = new TransferredQuotaPart("B", "dry-to-paddy-B", 8, Certified2022, 0m, 5m, 0m);

        Assert.True(receiver.TransferIn("T1", Wuxing, [part], 10m, "bureau", At).IsApplied);
        Assert.True(receiver.Reserve("R1", "P1", new QuotaAmount(0m, 5m, 0m), Later(1)).IsApplied);
        AssertSound(receiver);
    }

    [Fact]
    public void TransferIn_SameIdAgain_AlreadyApplied()
    {
        var parts = Sender().TransferOut("T1", Deqing, 120m, 30m, 1m, "bureau", At).TransferredParts;
        var receiver = new CountyQuotaLedger(Deqing);
        receiver.TransferIn("T1", Wuxing, parts, 1m, "bureau", Later(1));
        var before = receiver.ToJson();

        var again = receiver.TransferIn("T1", Wuxing, [.. parts], 1m, "bureau", Later(2));

        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, again.Kind);
        Assert.Equal(before, receiver.ToJson());
    }

    [Fact]
    public void TransferIn_SameIdDifferentParts_RefusedTransferConflict()
    {
        var receiver = new CountyQuotaLedger(Deqing);
        var part = new TransferredQuotaPart("A", "src", 5, Certified2021, 10m, 0m, 11_000m);
        receiver.TransferIn("T1", Wuxing, [part], 1m, "bureau", At);

        AssertRefused(receiver.TransferIn("T1", Wuxing, [part with { AreaMu = 11m }], 1m, "bureau", Later(1)), Rules.TransferConflict);
    }

    [Fact]
    public void TransferIn_IdUsedForTransferOut_RefusedTransferConflict()
    {
        var ledger = Sender();
        ledger.TransferOut("T1", Deqing, 10m, 0m, 1m, "bureau", At);
        var part = new TransferredQuotaPart("X", "src", 5, Certified2021, 10m, 0m, 11_000m);

        AssertRefused(ledger.TransferIn("T1", Deqing, [part], 1m, "bureau", Later(1)), Rules.TransferConflict);
    }

    [Fact]
    public void TransferIn_LotIdAlreadyTaken_RefusedLotConflictAndUnchanged()
    {
        var receiver = LedgerOf(Deqing, Lot("T1/A", 1m));
        var before = receiver.ToJson();
        var part = new TransferredQuotaPart("A", "src", 5, Certified2021, 10m, 0m, 11_000m);

        AssertRefused(receiver.TransferIn("T1", Wuxing, [part], 1m, "bureau", At), Rules.LotConflict);
        Assert.Equal(before, receiver.ToJson());
    }

    [Fact]
    public void TransferIn_InvalidParts_RefusedInvalidTransfer()
    {
        var receiver = new CountyQuotaLedger(Deqing);
        var part = new TransferredQuotaPart("A", "src", 5, Certified2021, 10m, 0m, 11_000m);

        AssertRefused(receiver.TransferIn("T1", Wuxing, [], 1m, "bureau", At), Rules.InvalidTransfer);
        AssertRefused(receiver.TransferIn("T1", Wuxing, [part, part], 1m, "bureau", At), Rules.InvalidTransfer);
        AssertRefused(receiver.TransferIn("T1", Wuxing, [part with { Grade = 16 }], 1m, "bureau", At), Rules.InvalidTransfer);
        AssertRefused(receiver.TransferIn("T1", Wuxing, [part with { AreaMu = -1m }], 1m, "bureau", At), Rules.InvalidTransfer);
        AssertRefused(receiver.TransferIn("T1", Wuxing, [part with { AreaMu = 0m, CapacityKg = 0m }], 1m, "bureau", At), Rules.InvalidTransfer);
        AssertRefused(receiver.TransferIn("T1", Deqing, [part], 1m, "bureau", At), Rules.InvalidTransfer);
        AssertRefused(receiver.TransferIn("T1", Wuxing, [part], 1m, " ", At), Rules.InvalidTransfer);
        Assert.Empty(receiver.State.Lots);
    }

    [Fact]
    public void TransferOutThenIn_TwoLedgers_ConserveTotals()
    {
        var sender = Sender();
        var receiver = LedgerOf(Deqing, Lot("D1", 40m, 10m, grade: 3));
        sender.Reserve("R1", "P1", new QuotaAmount(5m, 5m, 5_000m), At);
        var combinedBefore = sender.DepositedNet + receiver.DepositedNet;
        var availableBefore = sender.Available + receiver.Available;

        var outcome = sender.TransferOut("T1", Deqing, 120m, 30m, 3_600_000m, "Huzhou bureau", Later(1));
        receiver.TransferIn("T1", Wuxing, outcome.TransferredParts, 3_600_000m, "Huzhou bureau", Later(2));

        Assert.Equal(combinedBefore, sender.DepositedNet + receiver.DepositedNet);
        Assert.Equal(availableBefore, sender.Available + receiver.Available);
        Assert.Equal(sender.State.TransferredOut, receiver.State.TransferredIn);
        Assert.Equal(new QuotaAmount(5m, 5m, 5_000m), sender.Reserved);
        AssertSound(sender);
        AssertSound(receiver);
    }

    [Fact]
    public void TransferIn_ReceivedLots_ServeReservationsAndOnwardTransfers()
    {
        var parts = Sender().TransferOut("T1", Deqing, 120m, 30m, 1m, "bureau", At).TransferredParts;
        var receiver = new CountyQuotaLedger(Deqing);
        receiver.TransferIn("T1", Wuxing, parts, 1m, "bureau", Later(1));

        Assert.True(receiver.Reserve("R1", "P1", new QuotaAmount(110m, 20m, 120_000m), Later(2)).IsApplied);
        Assert.True(receiver.Consume("R1", Later(3)).IsApplied);
        var onward = receiver.TransferOut("T2", Anji, 10m, 10m, 1m, "bureau", Later(4));

        Assert.Equal(["T1/B"], onward.TransferredParts.Select(part => part.SourceLotId));
        Assert.Equal(QuotaAmount.Zero, receiver.Available);
        AssertSound(receiver);
    }
}
