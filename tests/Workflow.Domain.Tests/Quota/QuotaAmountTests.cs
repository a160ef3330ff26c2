namespace Workflow.Domain.Tests;

public sealed class QuotaAmountTests
{
    private static readonly QuotaAmount Required = new(10m, 4m, 11_000m);

    [Fact]
    public void Plus_TwoAmounts_AddsEachIndicator() =>
        Assert.Equal(new QuotaAmount(11m, 6m, 11_300m), Required + new QuotaAmount(1m, 2m, 300m));

    [Fact]
    public void Minus_TwoAmounts_SubtractsEachIndicator() =>
        Assert.Equal(new QuotaAmount(9m, 2m, 10_700m), Required - new QuotaAmount(1m, 2m, 300m));

    [Fact]
    public void Zero_AddedToAmount_LeavesItUnchanged()
    {
        Assert.True(QuotaAmount.Zero.IsZero());
        Assert.Equal(Required, Required + QuotaAmount.Zero);
    }

    [Fact]
    public void Equality_SameValuesDifferentScale_Equal() =>
        Assert.Equal(new QuotaAmount(10m, 4m, 11_000m), new QuotaAmount(10.00m, 4.0m, 11_000.000m));

    [Fact]
    public void Covers_EveryIndicatorEnough_True()
    {
        Assert.True(Required.Covers(Required));
        Assert.True(new QuotaAmount(20m, 4m, 11_000m).Covers(Required));
    }

    [Theory]
    [InlineData(9.99, 4, 11000, QuotaIndicator.Area)]
    [InlineData(10, 3.99, 11000, QuotaIndicator.Paddy)]
    [InlineData(10, 4, 10999.99, QuotaIndicator.Capacity)]
    [InlineData(1, 1, 1, QuotaIndicator.Area)]
    [InlineData(100, 1, 1, QuotaIndicator.Paddy)]
    public void FirstShortIndicator_SomeShort_NamesFirstInAreaPaddyCapacityOrder(
        double area, double paddy, double capacity, QuotaIndicator expected)
    {
        var available = new QuotaAmount((decimal)area, (decimal)paddy, (decimal)capacity);

        Assert.Equal(expected, available.FirstShortIndicator(Required));
        Assert.False(available.Covers(Required));
    }

    [Fact]
    public void FirstShortIndicator_SurplusAreaShortCapacity_NamesCapacity() =>
        Assert.Equal(QuotaIndicator.Capacity, new QuotaAmount(1_000m, 100m, 1m).FirstShortIndicator(Required));

    [Fact]
    public void FirstShortIndicator_Enough_Null() =>
        Assert.Null(Required.FirstShortIndicator(new QuotaAmount(10m, 4m, 11_000m)));

    [Theory]
    [InlineData(QuotaIndicator.Area, "quota-area-short")]
    [InlineData(QuotaIndicator.Paddy, "quota-paddy-short")]
    [InlineData(QuotaIndicator.Capacity, "quota-capacity-short")]
    public void ShortOf_Indicator_GivesRuleName(QuotaIndicator indicator, string rule) =>
        Assert.Equal(rule, QuotaRules.ShortOf(indicator));

    [Fact]
    public void OnlyOf_Indicator_SetsThatIndicatorOnly()
    {
        Assert.Equal(new QuotaAmount(0m, 3m, 0m), QuotaAmount.OnlyOf(QuotaIndicator.Paddy, 3m));
        Assert.Equal(3m, QuotaAmount.OnlyOf(QuotaIndicator.Capacity, 3m).Of(QuotaIndicator.Capacity));
    }

    [Fact]
    public void IsNonNegative_AnyNegative_False() =>
        Assert.False(new QuotaAmount(1m, -0.01m, 1m).IsNonNegative());
}
