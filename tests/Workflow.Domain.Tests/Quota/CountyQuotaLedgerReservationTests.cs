using static Workflow.Domain.Tests.QuotaFixtures;

namespace Workflow.Domain.Tests;

public sealed class CountyQuotaLedgerReservationTests
{
    private static readonly QuotaAmount TenMuGrade5 = new(10m, 0m, 11_000m);
    private static readonly DateOnly At2025 = new(2025, 3, 1);

    [Fact]
    public void Reserve_Covered_MovesAvailableToReserved()
    {
        var ledger = Ledger(Lot("L1", 200m, 50m));
        var amount = new QuotaAmount(10m, 4m, 11_000m);

        var outcome = ledger.Reserve("R1", "P-2025-001", amount, At);

        Assert.Equal(QuotaOutcomeKind.Applied, outcome.Kind);
        Assert.Equal(amount, ledger.Reserved);
        Assert.Equal(new QuotaAmount(190m, 46m, 209_000m), ledger.Available);
        Assert.Equal(ReservationStatus.Reserved, ledger.FindReservation("R1")!.Status);
        AssertSound(ledger);
    }

    [Fact]
    public void Reserve_Applied_MovementsCarryReservationAndProject()
    {
        var ledger = Ledger(Lot("L1", 5m), Lot("L2", 10m));

        var movements = ledger.Reserve("R1", "P1", new QuotaAmount(8m, 0m, 0m), At).Movements;

        Assert.Equal(["L1", "L2"], movements.Select(movement => movement.LotId));
        Assert.All(movements, movement =>
        {
            Assert.Equal(QuotaMovementKinds.Reserve, movement.Kind);
            Assert.Equal("R1", movement.ReservationId);
            Assert.Equal("P1", movement.ProjectCode);
        });
        Assert.Equal([3L, 4L], movements.Select(movement => movement.Sequence));
        Assert.Equal(new QuotaAmount(8m, 0m, 0m), movements[0].Amount + movements[1].Amount);
    }

    [Fact]
    public void Reserve_ShortOfPaddy_RefusedAndLedgerExactlyAsItWas()
    {
        var ledger = Ledger(Lot("L1", 200m, 3m), Lot("L2", 50m, 1m));
        ledger.Reserve("R0", "P0", new QuotaAmount(5m, 1m, 100m), At);
        var before = ledger.ToJson();

        var outcome = ledger.Reserve("R1", "P1", new QuotaAmount(10m, 4m, 11_000m), Later(1));

        AssertRefused(outcome, Rules.QuotaPaddyShort);
        Assert.Equal(before, ledger.ToJson());
        Assert.Null(ledger.FindReservation("R1"));
    }

    [Fact]
    public void Reserve_RefusedForShortage_SameIdCanBeTriedAgainLater()
    {
        var ledger = Ledger(Lot("L1", 10m, 0m));
        AssertRefused(ledger.Reserve("R1", "P1", new QuotaAmount(10m, 4m, 0m), At), Rules.QuotaPaddyShort);

        ledger.DepositLot(Lot("L2", 10m, 10m), Later(1));

        Assert.True(ledger.Reserve("R1", "P1", new QuotaAmount(10m, 4m, 0m), Later(2)).IsApplied);
    }

    [Fact]
    public void Reserve_EverythingShort_NamesAreaFirst()
    {
        var ledger = Ledger(Lot("L1", 1m));

        AssertRefused(ledger.Reserve("R1", "P1", new QuotaAmount(10m, 4m, 11_000m), At), Rules.QuotaAreaShort);
    }

    [Fact]
    public void Reserve_OnlyCapacityShort_RefusedCapacityShort()
    {
        var ledger = Ledger(Lot("L1", 20m, 20m, grade: 15));

        var outcome = ledger.Reserve("R1", "P1", FarmlandBalance.Required(10m, 10m, 1, FarmlandBalanceRuleBook.For(At2025)), At);

        AssertRefused(outcome, Rules.QuotaCapacityShort);
        Assert.Contains("15000", outcome.Refusal!.Detail, StringComparison.Ordinal);
        Assert.Equal(QuotaAmount.Zero, ledger.Reserved);
    }

    [Fact]
    public void Reserve_SeveralLots_DrawsOldestCertifiedFirstThenLotId()
    {
        var ledger = Ledger(
            Lot("C", 10m, certifiedOn: Certified2022),
            Lot("A", 10m, certifiedOn: Certified2023),
            Lot("B", 10m, certifiedOn: Certified2022),
            Lot("D", 10m, certifiedOn: Certified2021));

        ledger.Reserve("R1", "P1", new QuotaAmount(25m, 0m, 0m), At);

        Assert.Equal(
            [new LotDraw("D", new(10m, 0m, 0m)), new LotDraw("B", new(10m, 0m, 0m)), new LotDraw("C", new(5m, 0m, 0m))],
            ledger.FindReservation("R1")!.Draws);
        Assert.Equal(10m, ledger.FindLot("A")!.Available.AreaMu);
        AssertSound(ledger);
    }

    [Fact]
    public void Reserve_IndicatorsInDifferentLots_DrawsEachIndicatorSeparately()
    {
        // The oldest lot is dry land, so the paddy must come from the younger dry-to-paddy lot.
        var ledger = Ledger(
            Lot("dry", 30m, 0m, grade: 8, certifiedOn: Certified2021),
            Lot("paddy", 5m, 5m, grade: 3, certifiedOn: Certified2023));

        ledger.Reserve("R1", "P1", new QuotaAmount(10m, 4m, 30_000m), At);

        var draws = ledger.FindReservation("R1")!.Draws;
        Assert.Equal(new LotDraw("dry", new QuotaAmount(10m, 0m, 24_000m)), draws[0]);
        Assert.Equal(new LotDraw("paddy", new QuotaAmount(0m, 4m, 6_000m)), draws[1]);
        Assert.Equal(QuotaLotStates.Available, ledger.FindLot("paddy")!.State);
        AssertSound(ledger);
    }

    [Fact]
    public void Reserve_FiftyRequestsOfTenMuAgainstTwoHundredMu_ExactlyTwentySucceed()
    {
        var ledger = Ledger(Lot("L1", 200m, grade: 5));

        var outcomes = Enumerable.Range(1, 50)
            .Select(i => ledger.Reserve($"R{i}", $"P{i}", TenMuGrade5, Later(i)))
            .ToList();

        Assert.Equal(20, outcomes.Count(outcome => outcome.IsApplied));
        Assert.All(outcomes.Take(20), outcome => Assert.True(outcome.IsApplied));
        Assert.All(outcomes.Skip(20), outcome => AssertRefused(outcome, Rules.QuotaAreaShort));
        Assert.Equal(new QuotaAmount(200m, 0m, 220_000m), ledger.Reserved);
        Assert.Equal(QuotaAmount.Zero, ledger.Available);
        Assert.Equal(QuotaLotStates.Reserved, ledger.FindLot("L1")!.State);
        AssertSound(ledger);
    }

    [Fact]
    public void Reserve_SameIdAgain_AlreadyAppliedAndNothingChanges()
    {
        var ledger = Ledger(Lot("L1", 200m));
        ledger.Reserve("R1", "P1", TenMuGrade5, At);
        var before = ledger.ToJson();

        var again = ledger.Reserve("R1", "P1", TenMuGrade5, Later(1));

        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, again.Kind);
        Assert.Empty(again.Movements);
        Assert.Equal(before, ledger.ToJson());
    }

    [Fact]
    public void Reserve_SameIdOtherAmount_RefusedReservationConflict()
    {
        var ledger = Ledger(Lot("L1", 200m));
        ledger.Reserve("R1", "P1", TenMuGrade5, At);

        AssertRefused(ledger.Reserve("R1", "P1", new QuotaAmount(11m, 0m, 0m), Later(1)), Rules.ReservationConflict);
        AssertRefused(ledger.Reserve("R1", "P2", TenMuGrade5, Later(1)), Rules.ReservationConflict);
        Assert.Equal(10m, ledger.Reserved.AreaMu);
    }

    [Fact]
    public void Reserve_ReleasedIdAgain_AlreadyAppliedAndNotReservedAgain()
    {
        var ledger = Ledger(Lot("L1", 200m));
        ledger.Reserve("R1", "P1", TenMuGrade5, At);
        ledger.Release("R1", Later(1));

        var again = ledger.Reserve("R1", "P1", TenMuGrade5, Later(2));

        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, again.Kind);
        Assert.Equal(QuotaAmount.Zero, ledger.Reserved);
        Assert.Equal(ReservationStatus.Released, ledger.FindReservation("R1")!.Status);
    }

    [Fact]
    public void Reserve_ConsumedIdAgain_AlreadyApplied()
    {
        var ledger = Ledger(Lot("L1", 200m));
        ledger.Reserve("R1", "P1", TenMuGrade5, At);
        ledger.Consume("R1", Later(1));

        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, ledger.Reserve("R1", "P1", TenMuGrade5, Later(2)).Kind);
        Assert.Equal(10m, ledger.Consumed.AreaMu);
        Assert.Equal(QuotaAmount.Zero, ledger.Reserved);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(-1, 0, 0)]
    [InlineData(1, -1, 0)]
    [InlineData(1, 0, -1)]
    public void Reserve_AmountNotPositive_RefusedInvalidReservation(int area, int paddy, int capacity)
    {
        var ledger = Ledger(Lot("L1", 200m));

        AssertRefused(ledger.Reserve("R1", "P1", new QuotaAmount(area, paddy, capacity), At), Rules.InvalidReservation);
        Assert.Null(ledger.FindReservation("R1"));
    }

    [Theory]
    [InlineData("", "P1")]
    [InlineData("R1", " ")]
    public void Reserve_MissingIds_RefusedInvalidReservation(string reservationId, string projectCode) =>
        AssertRefused(Ledger(Lot("L1", 200m)).Reserve(reservationId, projectCode, TenMuGrade5, At), Rules.InvalidReservation);

    [Fact]
    public void Consume_Reserved_MovesReservedToConsumed()
    {
        var ledger = Ledger(Lot("L1", 200m, 20m));
        var amount = new QuotaAmount(10m, 4m, 11_000m);
        ledger.Reserve("R1", "P1", amount, At);

        var outcome = ledger.Consume("R1", Later(1));

        Assert.True(outcome.IsApplied);
        var movement = Assert.Single(outcome.Movements);
        Assert.Equal(QuotaMovementKinds.Consume, movement.Kind);
        Assert.Equal(amount, movement.Amount);
        Assert.Equal(amount, ledger.Consumed);
        Assert.Equal(QuotaAmount.Zero, ledger.Reserved);
        Assert.Equal(ReservationStatus.Consumed, ledger.FindReservation("R1")!.Status);
        Assert.Equal(Later(1), ledger.FindReservation("R1")!.SettledAt);
        AssertSound(ledger);
    }

    [Fact]
    public void Consume_Twice_CountsOnce()
    {
        var ledger = Ledger(Lot("L1", 200m));
        ledger.Reserve("R1", "P1", TenMuGrade5, At);
        ledger.Consume("R1", Later(1));
        var before = ledger.ToJson();

        var again = ledger.Consume("R1", Later(2));

        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, again.Kind);
        Assert.Empty(again.Movements);
        Assert.Equal(TenMuGrade5, ledger.Consumed);
        Assert.Equal(before, ledger.ToJson());
    }

    [Fact]
    public void Consume_UnknownReservation_RefusedReservationUnknown() =>
        AssertRefused(Ledger(Lot("L1", 200m)).Consume("nope", At), Rules.ReservationUnknown);

    [Fact]
    public void Consume_Released_RefusedReservationReleased()
    {
        var ledger = Ledger(Lot("L1", 200m));
        ledger.Reserve("R1", "P1", TenMuGrade5, At);
        ledger.Release("R1", Later(1));

        AssertRefused(ledger.Consume("R1", Later(2)), Rules.ReservationReleased);
        Assert.Equal(QuotaAmount.Zero, ledger.Consumed);
    }

    [Fact]
    public void Release_Reserved_RestoresAvailabilityIntoTheSameLots()
    {
        var ledger = Ledger(
            Lot("L1", 6m, 0m, certifiedOn: Certified2021),
            Lot("L2", 10m, 10m, certifiedOn: Certified2022),
            Lot("L3", 10m, 10m, certifiedOn: Certified2023));
        ledger.Reserve("R0", "P0", new QuotaAmount(1m, 1m, 1m), At);
        var lotsBefore = ledger.LotsInDrawingOrder();
        ledger.Reserve("R1", "P1", new QuotaAmount(10m, 4m, 11_000m), Later(1));
        ledger.Reserve("R2", "P2", new QuotaAmount(3m, 0m, 0m), Later(2));

        var outcome = ledger.Release("R1", Later(3));

        Assert.True(outcome.IsApplied);
        Assert.Equal(["L1", "L2"], outcome.Movements.Select(movement => movement.LotId));
        Assert.All(outcome.Movements, movement => Assert.Equal(QuotaMovementKinds.Release, movement.Kind));
        var expected = lotsBefore.Select(lot => lot.LotId == "L2"
            ? lot with { Available = lot.Available - new QuotaAmount(3m, 0m, 0m), Reserved = lot.Reserved + new QuotaAmount(3m, 0m, 0m) }
            : lot);
        Assert.Equal(expected, ledger.LotsInDrawingOrder());
        Assert.Equal(ReservationStatus.Released, ledger.FindReservation("R1")!.Status);
        AssertSound(ledger);
    }

    [Fact]
    public void Release_Twice_AlreadyApplied()
    {
        var ledger = Ledger(Lot("L1", 200m));
        ledger.Reserve("R1", "P1", TenMuGrade5, At);
        ledger.Release("R1", Later(1));

        var again = ledger.Release("R1", Later(2));

        Assert.Equal(QuotaOutcomeKind.AlreadyApplied, again.Kind);
        Assert.Equal(new QuotaAmount(200m, 0m, 220_000m), ledger.Available);
    }

    [Fact]
    public void Release_UnknownReservation_NothingToReleaseAndNothingChanges()
    {
        var ledger = Ledger(Lot("L1", 200m));
        var before = ledger.ToJson();

        var outcome = ledger.Release("never-made", At);

        Assert.Equal(QuotaOutcomeKind.NothingToRelease, outcome.Kind);
        Assert.False(outcome.IsRefused);
        Assert.Empty(outcome.Movements);
        Assert.Equal(before, ledger.ToJson());
    }

    [Fact]
    public void Release_Consumed_RefusedReservationConsumed()
    {
        var ledger = Ledger(Lot("L1", 200m));
        ledger.Reserve("R1", "P1", TenMuGrade5, At);
        ledger.Consume("R1", Later(1));

        AssertRefused(ledger.Release("R1", Later(2)), Rules.ReservationConsumed);
        Assert.Equal(TenMuGrade5, ledger.Consumed);
    }

    [Fact]
    public void LotState_ThroughLifecycle_AvailableReservedConsumed()
    {
        var ledger = Ledger(Lot("L1", 10m));
        var whole = new QuotaAmount(10m, 0m, 11_000m);

        Assert.Equal(QuotaLotStates.Available, ledger.FindLot("L1")!.State);
        ledger.Reserve("R1", "P1", whole, At);
        Assert.Equal(QuotaLotStates.Reserved, ledger.FindLot("L1")!.State);
        ledger.Release("R1", Later(1));
        Assert.Equal(QuotaLotStates.Available, ledger.FindLot("L1")!.State);
        ledger.Reserve("R2", "P2", whole, Later(2));
        ledger.Consume("R2", Later(3));
        Assert.Equal(QuotaLotStates.Consumed, ledger.FindLot("L1")!.State);
    }

    [Fact]
    public void LotState_PartlyReservedPartlyAvailable_Available()
    {
        var ledger = Ledger(Lot("L1", 10m));
        ledger.Reserve("R1", "P1", new QuotaAmount(9m, 0m, 11_000m), At);

        Assert.Equal(QuotaLotStates.Available, ledger.FindLot("L1")!.State);
    }

    [Fact]
    public void Operations_ManyInSeededOrder_InvariantHoldsAfterEach()
    {
        // A fixed seed keeps the walk reproducible; it mixes every operation, repeats and refusals included.
        var random = new Random(20250301);
        var ledger = Ledger(Lot("L1", 120m, 30m, grade: 4), Lot("L2", 80m, 80m, grade: 9, certifiedOn: Certified2021));
        var appliedKinds = new HashSet<string>(StringComparer.Ordinal);
        for (var step = 0; step < 600; step++)
        {
            var id = $"R{random.Next(60)}";
            var at = Later(step);
            var outcome = random.Next(6) switch
            {
                0 or 1 => ledger.Reserve(id, "P", new QuotaAmount(random.Next(1, 15), random.Next(0, 6), random.Next(0, 9_000)), at),
                2 => ledger.Consume(id, at),
                3 => ledger.Release(id, at),
                4 => ledger.DepositLot(Lot($"D{random.Next(30)}", 10m, 5m, grade: 7), at),
                _ => ledger.TransferOut($"T{step}", Deqing, random.Next(0, 4), random.Next(1, 3), 1_000m, "bureau", at),
            };

            Assert.True(outcome.IsApplied || outcome.Movements.Count == 0);
            appliedKinds.UnionWith(outcome.Movements.Select(movement => movement.Kind));
            AssertSound(ledger);
        }

        Assert.Equal(5, appliedKinds.Count);
    }

    [Fact]
    public void FindInvariantViolations_TamperedState_Reported()
    {
        var ledger = Ledger(Lot("L1", 10m));
        ledger.Reserve("R1", "P1", new QuotaAmount(4m, 0m, 0m), At);
        ledger.State.Lots["L1"] = ledger.State.Lots["L1"] with { Reserved = new QuotaAmount(5m, 0m, 0m) };

        Assert.NotEmpty(ledger.FindInvariantViolations());
    }

    [Fact]
    public void FindInvariantViolations_NegativeBucket_Reported()
    {
        var ledger = Ledger(Lot("L1", 10m));
        ledger.State.Lots["L1"] = ledger.State.Lots["L1"] with
        {
            Available = new QuotaAmount(11m, 0m, 11_000m),
            Consumed = new QuotaAmount(-1m, 0m, 0m),
        };

        Assert.Contains(ledger.FindInvariantViolations(), violation => violation.Contains("negative", StringComparison.Ordinal));
    }
}
