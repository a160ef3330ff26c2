namespace Workflow.Benchmarks;

/// <summary>What the commit ceilings share: each shape measured from several writer counts, the best kept.</summary>
public static class CommitCeilings
{
    /// <summary>Measures <paramref name="label"/> with each writer count; records every rate as <c>label.wN</c>, the
    /// best as <c>label</c> and its writer count as <c>label.writers</c>.</summary>
    public static async Task RecordBestAsync(Dictionary<string, double> result, string label, IEnumerable<int> writerCounts, Func<int, Task<double>> measure)
    {
        var best = 0.0;
        var bestWriters = 0;
        foreach (var writers in writerCounts)
        {
            var rate = await measure(writers);
            result[$"{label}.w{writers}"] = rate;
            if (rate > best)
            {
                best = rate;
                bestWriters = writers;
            }
        }

        result[label] = best;
        result[label + ".writers"] = bestWriters;
    }
}
