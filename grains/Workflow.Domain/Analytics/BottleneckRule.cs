namespace Workflow.Domain;

/// <summary>One step's candidacy as a unit's bottleneck: its median dwell (null: nothing finished there yet) and how many
/// of its open visits are red now.</summary>
public sealed record BottleneckCandidate(string Step, double? MedianDays, long Red);

/// <summary>
/// The bottleneck step of a unit (DOMAIN.md §7: "the bottleneck step (the longest median dwell)"): the step with the
/// longest median dwell; a tie goes to the step with more red visits now, then to the lower step key so the answer is
/// stable. Steps where nothing has finished have no median and cannot be the bottleneck.
/// </summary>
public static class BottleneckRule
{
    public static string? Of(IEnumerable<BottleneckCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return candidates
            .Where(c => c.MedianDays is not null)
            .OrderByDescending(c => c.MedianDays)
            .ThenByDescending(c => c.Red)
            .ThenBy(c => c.Step, StringComparer.Ordinal)
            .FirstOrDefault()?.Step;
    }
}
