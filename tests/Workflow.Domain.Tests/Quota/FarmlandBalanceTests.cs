namespace Workflow.Domain.Tests;

public sealed class FarmlandBalanceTests
{
    private static readonly FarmlandBalanceRules Rules2024 = FarmlandBalanceRuleBook.For(new DateOnly(2025, 3, 1));

    [Fact]
    public void Required_DefaultRules_AreaPaddyAndCapacityOfOccupiedLand() =>
        Assert.Equal(new QuotaAmount(10m, 4m, 11_000m), FarmlandBalance.Required(10m, 4m, 5, Rules2024));

    [Fact]
    public void Required_ConfiguredYieldTable_UsesConfiguredYield()
    {
        var rules = Rules2024 with { Yields = YieldTable.Default.WithGrade(5, 950m) };

        Assert.Equal(9_500m, FarmlandBalance.Required(10m, 0m, 5, rules).CapacityKg);
    }

    [Fact]
    public void Required_NoCultivatedLand_Zero() =>
        Assert.Equal(QuotaAmount.Zero, FarmlandBalance.Required(0m, 0m, 0, Rules2024));

    [Fact]
    public void Required_PaddyExceedsCultivated_Throws() =>
        Assert.Throws<ArgumentException>(() => FarmlandBalance.Required(4m, 5m, 5, Rules2024));

    [Fact]
    public void Required_NegativeArea_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FarmlandBalance.Required(-1m, 0m, 5, Rules2024));

    [Fact]
    public void Required_GradeOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FarmlandBalance.Required(10m, 0m, 16, Rules2024));

    [Fact]
    public void Balances_MoreAreaButLessCapacity_False()
    {
        // Worse land in larger quantity does not make good a shortfall of capacity: indicators are separate.
        var required = FarmlandBalance.Required(10m, 0m, 2, Rules2024);
        var writtenOff = new QuotaAmount(12m, 0m, YieldTable.Default.CapacityKg(12m, 10));

        Assert.False(FarmlandBalance.Balances(writtenOff, required));
    }

    [Fact]
    public void Balances_EveryIndicatorCovered_True()
    {
        var required = FarmlandBalance.Required(10m, 4m, 5, Rules2024);

        Assert.True(FarmlandBalance.Balances(new QuotaAmount(10m, 4m, 12_000m), required));
    }
}
