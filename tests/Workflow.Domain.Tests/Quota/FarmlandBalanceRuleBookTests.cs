namespace Workflow.Domain.Tests;

public sealed class FarmlandBalanceRuleBookTests
{
    private static readonly DateOnly Reform2024 = new(2024, 1, 1);
    private static readonly DateOnly Version2020 = new(2020, 1, 1);

    [Theory]
    [InlineData(2020, 1, 1, 2020)]
    [InlineData(2023, 12, 31, 2020)]
    [InlineData(2024, 1, 1, 2024)]
    [InlineData(2026, 7, 15, 2024)]
    public void For_AppliedOn_PicksVersionInForce(int year, int month, int day, int expectedVersionYear) =>
        Assert.Equal(
            new DateOnly(expectedVersionYear, 1, 1),
            FarmlandBalanceRuleBook.For(new DateOnly(year, month, day)).EffectiveFrom);

    [Fact]
    public void For_BeforeOldestVersion_FallsBackToOldest() =>
        Assert.Equal(Version2020, FarmlandBalanceRuleBook.For(new DateOnly(2015, 5, 5)).EffectiveFrom);

    [Fact]
    public void Standard_TwoVersions_SameDefaultYields()
    {
        var versions = FarmlandBalanceRuleBook.Standard.Versions;

        Assert.Equal([Version2020, Reform2024], versions.Select(version => version.EffectiveFrom));
        Assert.All(versions, version => Assert.Equal(YieldTable.Default, version.Yields));
    }

    [Fact]
    public void InForceOn_ConfiguredBook_PicksConfiguredYields()
    {
        var revised = YieldTable.Default.WithGrade(5, 1_050m);
        var book = new FarmlandBalanceRuleBook(
        [
            new FarmlandBalanceRules(Reform2024, YieldTable.Default),
            new FarmlandBalanceRules(new DateOnly(2025, 7, 1), revised),
        ]);

        Assert.Equal(1_100m, book.InForceOn(new DateOnly(2025, 6, 30)).Yields.KgPerMu(5));
        Assert.Equal(1_050m, book.InForceOn(new DateOnly(2025, 7, 1)).Yields.KgPerMu(5));
        Assert.Equal(Reform2024, book.Versions[0].EffectiveFrom);
    }

    [Fact]
    public void Constructor_NoVersions_Throws() =>
        Assert.Throws<ArgumentException>(() => new FarmlandBalanceRuleBook([]));

    [Fact]
    public void Constructor_TwoVersionsSameDay_Throws() =>
        Assert.Throws<ArgumentException>(() => new FarmlandBalanceRuleBook(
        [
            new FarmlandBalanceRules(Reform2024, YieldTable.Default),
            new FarmlandBalanceRules(Reform2024, YieldTable.Default.WithGrade(1, 1m)),
        ]));

    [Fact]
    public void DepositLot_NoCapacityGiven_UsesYieldsInForceOnCertification()
    {
        var book = new FarmlandBalanceRuleBook(
        [
            new FarmlandBalanceRules(Version2020, YieldTable.Default),
            new FarmlandBalanceRules(Reform2024, YieldTable.Default.WithGrade(5, 1_000m)),
        ]);
        var ledger = new CountyQuotaLedger(QuotaFixtures.Wuxing, book);

        ledger.DepositLot(QuotaFixtures.Lot("old", 10m, certifiedOn: new DateOnly(2023, 12, 31)), QuotaFixtures.At);
        ledger.DepositLot(QuotaFixtures.Lot("new", 10m, certifiedOn: Reform2024), QuotaFixtures.At);

        Assert.Equal(11_000m, ledger.FindLot("old")!.CapacityKg);
        Assert.Equal(10_000m, ledger.FindLot("new")!.CapacityKg);
    }
}
