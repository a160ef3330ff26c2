namespace Workflow.Domain.Tests;

/// <summary>Shared lots, ledgers and a fixed clock value; tests never read the wall clock.</summary>
internal static class QuotaFixtures
{
    public const string Wuxing = "Wuxing";
    public const string Deqing = "Deqing";
    public const string Anji = "Anji";

    public static readonly DateTimeOffset At = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    public static readonly DateOnly Certified2021 = new(2021, 6, 1);
    public static readonly DateOnly Certified2022 = new(2022, 6, 1);
    public static readonly DateOnly Certified2023 = new(2023, 6, 1);

    public static DateTimeOffset Later(int minutes) => At.AddMinutes(minutes);

    public static QuotaLot Lot(
        string lotId,
        decimal areaMu,
        decimal paddyMu = 0m,
        int grade = 5,
        DateOnly? certifiedOn = null,
        decimal? capacityKg = null) =>
        QuotaLot.Certified(lotId, $"consolidation-{lotId}", areaMu, paddyMu, grade, certifiedOn ?? Certified2022, capacityKg);

    public static CountyQuotaLedger Ledger(params QuotaLot[] lots) => LedgerOf(Wuxing, lots);

    public static CountyQuotaLedger LedgerOf(string county, params QuotaLot[] lots)
    {
        var ledger = new CountyQuotaLedger(county);
        foreach (var lot in lots)
        {
            Assert.True(ledger.DepositLot(lot, At).IsApplied);
        }

        return ledger;
    }

    public static void AssertSound(CountyQuotaLedger ledger)
    {
        Assert.Empty(ledger.FindInvariantViolations());
        Assert.Equal(ledger.DepositedNet, ledger.Available + ledger.Reserved + ledger.Consumed);
        Assert.True(ledger.Available.IsNonNegative());
        Assert.True(ledger.Reserved.IsNonNegative());
        Assert.True(ledger.Consumed.IsNonNegative());
    }

    public static void AssertRefused(QuotaOutcome outcome, string rule)
    {
        Assert.Equal(QuotaOutcomeKind.Refused, outcome.Kind);
        Assert.Equal(rule, outcome.RefusedRule);
        Assert.Empty(outcome.Movements);
    }
}
