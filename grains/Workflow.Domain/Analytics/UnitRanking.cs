namespace Workflow.Domain;

/// <summary>A unit's completions in a week: how many were judged against a limit and how many of those were on time.</summary>
public sealed record UnitCompletions(string Unit, long Completed, long OnTime)
{
    /// <summary>The on-time rate as a fraction (0.85); null when nothing was completed.</summary>
    public double? Rate => Completed == 0 ? null : (double)OnTime / Completed;
}

/// <summary>
/// How the weekly bulletin ranks units (一周一通报): by on-time rate, best first; equal rates by more completions, then by
/// unit key so the order is stable. Units with no completion have no rate and rank last. Ranks are 1, 2, 3, ... in order.
/// </summary>
public static class UnitRanking
{
    public static IReadOnlyList<(int Rank, UnitCompletions Unit)> Rank(IEnumerable<UnitCompletions> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        return [.. units
            .OrderBy(u => u.Rate is null ? 1 : 0)
            .ThenByDescending(u => u.Rate ?? 0)
            .ThenByDescending(u => u.Completed)
            .ThenBy(u => u.Unit, StringComparer.Ordinal)
            .Select((u, i) => (i + 1, u))];
    }

    /// <summary>Below the line: a rate under it (a unit that completed nothing is not judged).</summary>
    public static bool BelowLine(double? rate, double line) => rate is { } r && r < line;
}
