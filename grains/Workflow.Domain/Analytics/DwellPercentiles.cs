namespace Workflow.Domain;

/// <summary>
/// Percentiles of whole working days from a histogram (days → how many visits took that long): exact, and computed from
/// counts the read model keeps pre-aggregated, so no database needs a percentile function. The nearest-rank definition:
/// the q-th percentile of N values is the smallest value with at least ⌈q·N⌉ values at or below it.
/// </summary>
public static class DwellPercentiles
{
    public static int? Percentile(IEnumerable<KeyValuePair<int, long>> counts, double q)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        var ordered = counts.Where(c => c.Value > 0).OrderBy(c => c.Key).ToList();
        var total = ordered.Sum(c => c.Value);
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        foreach (var (days, count) in ordered)
        {
            seen += count;
            if (seen >= rank)
            {
                return days;
            }
        }

        return ordered[^1].Key;
    }

    public static int? Median(IEnumerable<KeyValuePair<int, long>> counts) => Percentile(counts, 0.5);

    public static int? P90(IEnumerable<KeyValuePair<int, long>> counts) => Percentile(counts, 0.9);
}
