namespace Workflow.Domain;

/// <summary>What a project must write off to balance the farmland it occupies.</summary>
public static class FarmlandBalance
{
    /// <summary>
    /// Quota required for occupying <paramref name="cultivatedMu"/> of cultivated land (of which
    /// <paramref name="paddyMu"/> paddy) of quality <paramref name="grade"/>: the area, the paddy, and the
    /// capacity of the occupied land.
    /// </summary>
    public static QuotaAmount Required(decimal cultivatedMu, decimal paddyMu, int grade, FarmlandBalanceRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfNegative(cultivatedMu);
        ArgumentOutOfRangeException.ThrowIfNegative(paddyMu);
        if (paddyMu > cultivatedMu)
        {
            throw new ArgumentException("Paddy is part of the cultivated area and cannot exceed it.", nameof(paddyMu));
        }

        // A project that occupies no cultivated land has no meaningful grade; it owes nothing.
        if (cultivatedMu == 0m)
        {
            return QuotaAmount.Zero;
        }

        return new QuotaAmount(cultivatedMu, paddyMu, rules.Yields.CapacityKg(cultivatedMu, grade));
    }

    /// <summary>True when <paramref name="writtenOff"/> balances <paramref name="required"/> in every indicator.</summary>
    public static bool Balances(QuotaAmount writtenOff, QuotaAmount required)
    {
        ArgumentNullException.ThrowIfNull(writtenOff);
        return writtenOff.Covers(required);
    }
}
