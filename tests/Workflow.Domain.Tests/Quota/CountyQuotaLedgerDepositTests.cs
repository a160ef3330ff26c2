using static Workflow.Domain.Tests.QuotaFixtures;

namespace Workflow.Domain.Tests;

public sealed class CountyQuotaLedgerDepositTests
{
    [Fact]
    public void DepositLot_NewLot_AllOfItAvailable()
    {
        var ledger = new CountyQuotaLedger(Wuxing);

        var outcome = ledger.DepositLot(Lot("L1", 200m, 50m, grade: 5), At);

        Assert.Equal(QuotaOutcomeKind.Applied, outcome.Kind);
        Assert.Equal(new QuotaAmount(200m, 50m, 220_000m), ledger.Available);
        Assert.Equal(QuotaAmount.Zero, ledger.Reserved);
        Assert.Equal(QuotaAmount.Zero, ledger.Consumed);
        Assert.Equal(ledger.Available, ledger.DepositedNet);
        Assert.Equal(QuotaLotStates.Available, ledger.FindLot("L1")!.State);
        AssertSound(ledger);
    }

    [Fact]
    public void DepositLot_NoCapacityGiven_CapacityIsAreaTimesYieldOfGrade()
    {
        var ledger = Ledger(Lot("L1", 12.5m, grade: 9));

        Assert.Equal(12.5m * 700m, ledger.FindLot("L1")!.CapacityKg);
    }

    [Fact]
    public void DepositLot_CapacityGiven_KeepsCertifiedCapacity()
    {
        var ledger = Ledger(Lot("L1", 10m, grade: 5, capacityKg: 10_400m));

        Assert.Equal(10_400m, ledger.Available.CapacityKg);
    }

    [Fact]
    public void DepositLot_Applied_YieldsDepositMovement()
    {
        var ledger = new CountyQuotaLedger(Wuxing);

        var movement = Assert.Single(ledger.DepositLot(Lot("L1", 10m, 2m), At).Movements);

        Assert.Equal(QuotaMovementKinds.Deposit, movement.Kind);
        Assert.Equal("L1", movement.LotId);
        Assert.Equal(Wuxing, movement.County);
        Assert.Equal(new QuotaAmount(10m, 2m, 11_000m), movement.Amount);
        Assert.Equal(At, movement.At);
        Assert.Equal(1, movement.Sequence);
    }

    [Fact]
    public void DepositLot_SameLotTwice_AlreadyAppliedAndCountedOnce()
    {
        var ledger = Ledger(Lot("L1", 10m));

        var again = ledger.DepositLot(Lot("L1", 10m), Later(5));

        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, again.Kind);
        Assert.Empty(again.Movements);
        Assert.Equal(10m, ledger.Available.AreaMu);
        Assert.Equal(10m, ledger.DepositedNet.AreaMu);
    }

    [Fact]
    public void DepositLot_SameLotWithItsComputedCapacity_AlreadyApplied()
    {
        var ledger = Ledger(Lot("L1", 10m, grade: 5));

        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, ledger.DepositLot(Lot("L1", 10m, capacityKg: 11_000m), At).Kind);
    }

    [Fact]
    public void DepositLot_SameLotAfterPartReserved_StillAlreadyApplied()
    {
        var ledger = Ledger(Lot("L1", 10m));
        ledger.Reserve("R1", "P1", new QuotaAmount(4m, 0m, 0m), At);

        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, ledger.DepositLot(Lot("L1", 10m), Later(1)).Kind);
        Assert.Equal(6m, ledger.Available.AreaMu);
    }

    [Theory]
    [InlineData(11, 0, 5, "consolidation-L1")]
    [InlineData(10, 1, 5, "consolidation-L1")]
    [InlineData(10, 0, 6, "consolidation-L1")]
    [InlineData(10, 0, 5, "reclamation-L1")]
    public void DepositLot_SameIdDifferentContent_RefusedLotConflict(int area, int paddy, int grade, string source)
    {
        var ledger = Ledger(Lot("L1", 10m));
        var before = ledger.ToJson();

        var outcome = ledger.DepositLot(Lot("L1", area, paddy, grade) with { Source = source }, Later(1));

        AssertRefused(outcome, Rules.LotConflict);
        Assert.Equal(before, ledger.ToJson());
    }

    [Theory]
    [InlineData("L1", 0, 0, 5)]
    [InlineData("L1", -1, 0, 5)]
    [InlineData("L1", 10, 11, 5)]
    [InlineData("L1", 10, -1, 5)]
    [InlineData("L1", 10, 0, 0)]
    [InlineData("L1", 10, 0, 16)]
    [InlineData("", 10, 0, 5)]
    [InlineData(" ", 10, 0, 5)]
    public void DepositLot_InvalidLot_RefusedInvalidLot(string lotId, int area, int paddy, int grade)
    {
        var ledger = new CountyQuotaLedger(Wuxing);

        AssertRefused(ledger.DepositLot(Lot(lotId, area, paddy, grade), At), Rules.InvalidLot);
        Assert.Empty(ledger.State.Lots);
        Assert.Equal(0, ledger.State.LastMovementSequence);
    }

    [Fact]
    public void DepositLot_NegativeCapacity_RefusedInvalidLot() =>
        AssertRefused(new CountyQuotaLedger(Wuxing).DepositLot(Lot("L1", 10m, capacityKg: -1m), At), Rules.InvalidLot);

    [Fact]
    public void DepositLot_NoSource_RefusedInvalidLot() =>
        AssertRefused(new CountyQuotaLedger(Wuxing).DepositLot(Lot("L1", 10m) with { Source = "" }, At), Rules.InvalidLot);

    [Fact]
    public void DepositLot_PaddyEqualsArea_Applied() =>
        Assert.True(new CountyQuotaLedger(Wuxing).DepositLot(Lot("L1", 10m, 10m), At).IsApplied);

    [Fact]
    public void DepositLot_BucketsOnArgument_IgnoredLedgerOwnsThem()
    {
        var ledger = new CountyQuotaLedger(Wuxing);

        ledger.DepositLot(Lot("L1", 10m) with { Consumed = new QuotaAmount(10m, 0m, 0m) }, At);

        Assert.Equal(10m, ledger.Available.AreaMu);
        Assert.Equal(QuotaAmount.Zero, ledger.Consumed);
        AssertSound(ledger);
    }

    [Fact]
    public void Constructor_NoCounty_Throws() =>
        Assert.Throws<ArgumentException>(() => new CountyQuotaLedger(" "));
}
