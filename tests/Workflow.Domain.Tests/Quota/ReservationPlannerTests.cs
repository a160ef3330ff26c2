using static Workflow.Domain.Tests.QuotaFixtures;

namespace Workflow.Domain.Tests;

public sealed class ReservationPlannerTests
{
    private static readonly QuotaAmount Required = new(10m, 4m, 11_000m);

    [Fact]
    public void Plan_OwnCountyEnough_AllFromOwnCounty()
    {
        var plan = ReservationPlanner.Plan(Required, [(Wuxing, new QuotaAmount(50m, 50m, 50_000m)), (Deqing, new QuotaAmount(50m, 50m, 50_000m))]);

        Assert.True(plan.Succeeded);
        Assert.Equal([new CountyReservationShare(Wuxing, Required)], plan.Shares);
    }

    [Fact]
    public void Plan_OwnCountyShort_TakesRestFromNextInGivenOrder()
    {
        var plan = ReservationPlanner.Plan(
            Required,
            [(Wuxing, new QuotaAmount(6m, 1m, 5_000m)), (Anji, new QuotaAmount(3m, 3m, 3_000m)), (Deqing, new QuotaAmount(50m, 50m, 50_000m))]);

        Assert.True(plan.Succeeded);
        Assert.Equal(
            [
                new CountyReservationShare(Wuxing, new QuotaAmount(6m, 1m, 5_000m)),
                new CountyReservationShare(Anji, new QuotaAmount(3m, 3m, 3_000m)),
                new CountyReservationShare(Deqing, new QuotaAmount(1m, 0m, 3_000m)),
            ],
            plan.Shares);
    }

    [Fact]
    public void Plan_IndicatorsDrawnSeparately_PaddyFromAnotherCounty()
    {
        var plan = ReservationPlanner.Plan(Required, [(Wuxing, new QuotaAmount(50m, 0m, 50_000m)), (Deqing, new QuotaAmount(0m, 9m, 0m))]);

        Assert.Equal(
            [
                new CountyReservationShare(Wuxing, new QuotaAmount(10m, 0m, 11_000m)),
                new CountyReservationShare(Deqing, new QuotaAmount(0m, 4m, 0m)),
            ],
            plan.Shares);
    }

    [Fact]
    public void Plan_CountyNotNeeded_Omitted()
    {
        var plan = ReservationPlanner.Plan(Required, [(Wuxing, QuotaAmount.Zero), (Deqing, new QuotaAmount(50m, 50m, 50_000m))]);

        Assert.Equal([new CountyReservationShare(Deqing, Required)], plan.Shares);
    }

    [Fact]
    public void Plan_ShortAcrossAllPools_RefusedNamingFirstShortIndicatorAndNoShares()
    {
        var plan = ReservationPlanner.Plan(Required, [(Wuxing, new QuotaAmount(6m, 1m, 1m)), (Deqing, new QuotaAmount(6m, 2m, 1m))]);

        Assert.False(plan.Succeeded);
        Assert.Equal(Rules.QuotaPaddyShort, plan.Refusal!.Rule);
        Assert.Equal(QuotaIndicator.Paddy, plan.ShortIndicator);
        Assert.Empty(plan.Shares);
    }

    [Fact]
    public void Plan_OnlyCapacityShortAcrossPools_RefusedCapacityShort()
    {
        var plan = ReservationPlanner.Plan(Required, [(Wuxing, new QuotaAmount(60m, 10m, 5_000m)), (Deqing, new QuotaAmount(60m, 10m, 5_999m))]);

        Assert.Equal(Rules.QuotaCapacityShort, plan.Refusal!.Rule);
    }

    [Fact]
    public void Plan_OwnCountyShortButPoolsTogetherEnough_Succeeds()
    {
        var plan = ReservationPlanner.Plan(Required, [(Wuxing, new QuotaAmount(5m, 2m, 5_500m)), (Deqing, new QuotaAmount(5m, 2m, 5_500m))]);

        Assert.True(plan.Succeeded);
        Assert.Equal(Required, plan.Shares.Aggregate(QuotaAmount.Zero, (sum, share) => sum + share.Amount));
    }

    [Fact]
    public void Plan_ZeroRequired_EmptyPlanThatSucceeds()
    {
        Assert.True(ReservationPlanner.Plan(QuotaAmount.Zero, []).Succeeded);
        Assert.Empty(ReservationPlanner.Plan(QuotaAmount.Zero, [(Wuxing, new QuotaAmount(5m, 5m, 5m))]).Shares);
    }

    [Fact]
    public void Plan_NoPools_RefusedAreaShort() =>
        Assert.Equal(Rules.QuotaAreaShort, ReservationPlanner.Plan(Required, []).Refusal!.Rule);

    [Fact]
    public void Plan_CountyTwice_Throws() =>
        Assert.Throws<ArgumentException>(() => ReservationPlanner.Plan(Required, [(Wuxing, Required), (Wuxing, Required)]));

    [Fact]
    public void Plan_NegativeRequired_Throws() =>
        Assert.Throws<ArgumentException>(() => ReservationPlanner.Plan(new QuotaAmount(-1m, 0m, 0m), []));

    [Fact]
    public void Plan_AgainstLedgers_EveryShareReservesSuccessfully()
    {
        var wuxing = LedgerOf(Wuxing, Lot("W1", 6m, 0m, grade: 5));
        var deqing = LedgerOf(Deqing, Lot("D1", 30m, 10m, grade: 6));
        var required = FarmlandBalance.Required(10m, 4m, 4, FarmlandBalanceRuleBook.For(new DateOnly(2025, 3, 1)));
        var ledgers = new[] { wuxing, deqing };

        var plan = ReservationPlanner.Plan(required, [.. ledgers.Select(ledger => (ledger.County, ledger.Available))]);

        Assert.True(plan.Succeeded);
        Assert.All(plan.Shares, share =>
            Assert.True(ledgers.Single(ledger => ledger.County == share.County).Reserve("R1", "P1", share.Amount, At).IsApplied));
        Assert.Equal(required, wuxing.Reserved + deqing.Reserved);
    }
}
