using System.Globalization;

namespace Workflow.Domain;

/// <summary>How much to reserve in one county's pool.</summary>
public sealed record CountyReservationShare(string County, QuotaAmount Amount);

/// <summary>Either the shares to reserve, county by county, or why the pools together cannot cover the need.</summary>
public sealed record ReservationPlan
{
    public IReadOnlyList<CountyReservationShare> Shares { get; init; } = [];

    public Refusal? Refusal { get; init; }

    public QuotaIndicator? ShortIndicator { get; init; }

    public bool Succeeded => Refusal is null;
}

/// <summary>Splits a project's required quota over its own county's pool and then other counties' pools.</summary>
public static class ReservationPlanner
{
    /// <param name="required">What the project must write off.</param>
    /// <param name="poolsInOrder">The project's county first, then the others in order of preference.</param>
    public static ReservationPlan Plan(
        QuotaAmount required,
        IReadOnlyList<(string County, QuotaAmount Available)> poolsInOrder)
    {
        ArgumentNullException.ThrowIfNull(required);
        ArgumentNullException.ThrowIfNull(poolsInOrder);
        if (!required.IsNonNegative())
        {
            throw new ArgumentException("Required quota cannot be negative.", nameof(required));
        }

        if (poolsInOrder.Any(pool => string.IsNullOrWhiteSpace(pool.County) || pool.Available is null
                || !pool.Available.IsNonNegative()))
        {
            throw new ArgumentException("Each pool needs a county and a non-negative amount.", nameof(poolsInOrder));
        }

        if (poolsInOrder.Select(pool => pool.County).Distinct(StringComparer.Ordinal).Count() != poolsInOrder.Count)
        {
            throw new ArgumentException("A county can appear only once.", nameof(poolsInOrder));
        }

        // Checked on the combined pools first so a refusal names the same indicator the ledgers would.
        var combined = poolsInOrder.Aggregate(QuotaAmount.Zero, (sum, pool) => sum + pool.Available);
        if (combined.FirstShortIndicator(required) is { } shortIndicator)
        {
            return new ReservationPlan
            {
                ShortIndicator = shortIndicator,
                Refusal = Refusal.Conflict(
                    QuotaRules.ShortOf(shortIndicator),
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{shortIndicator} needed {required.Of(shortIndicator)}, "
                        + $"all pools together hold {combined.Of(shortIndicator)}.")),
            };
        }

        var shares = new QuotaAmount[poolsInOrder.Count];
        Array.Fill(shares, QuotaAmount.Zero);
        foreach (var indicator in QuotaAmount.Indicators)
        {
            var remaining = required.Of(indicator);
            for (var index = 0; index < poolsInOrder.Count && remaining > 0m; index++)
            {
                var taken = Math.Min(poolsInOrder[index].Available.Of(indicator), remaining);
                shares[index] += QuotaAmount.OnlyOf(indicator, taken);
                remaining -= taken;
            }
        }

        return new ReservationPlan
        {
            Shares =
            [
                .. poolsInOrder
                    .Select((pool, index) => new CountyReservationShare(pool.County, shares[index]))
                    .Where(share => !share.Amount.IsZero()),
            ],
        };
    }
}
