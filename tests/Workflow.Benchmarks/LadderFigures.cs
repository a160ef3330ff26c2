using System.Globalization;

namespace Workflow.Benchmarks;

/// <summary>One step of the status ladder as the report holds it: the offered rate and the medians over the repeats
/// that reached it.</summary>
public sealed record LadderPoint(double Rate, double P50Ms, double P90Ms, double P99Ms, int Runs);

/// <summary>The status ladder's steps kept as figures (<c>[deployment.]status.ladder.RATE.p50|p90|p99</c>), and read back
/// per deployment for the latency-over-offered-load chart.</summary>
public static class LadderFigures
{
    public const string KeyPrefix = "status.ladder.";

    public const string Group = "Status latency over offered load (the ladder's steps)";

    /// <summary>The steps of each deployment (by key prefix: "" for embedded, "postgres-1." ...), by rate.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<LadderPoint>> Read(IEnumerable<Figure> figures)
    {
        var steps = new Dictionary<(string Deployment, double Rate), Dictionary<string, Figure>>();
        foreach (var figure in figures)
        {
            var at = figure.Key.IndexOf(KeyPrefix, StringComparison.Ordinal);
            if (at < 0 || figure.Key.StartsWith("baseline.", StringComparison.Ordinal) || figure.Samples.Count == 0)
            {
                continue;
            }

            var rest = figure.Key[(at + KeyPrefix.Length)..].Split('.');
            if (rest.Length != 2 || !double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate))
            {
                continue;
            }

            var key = (figure.Key[..at], rate);
            if (!steps.TryGetValue(key, out var percentiles))
            {
                steps[key] = percentiles = new Dictionary<string, Figure>(StringComparer.Ordinal);
            }

            percentiles[rest[1]] = figure;
        }

        return steps
            .Where(s => s.Value.ContainsKey("p50") && s.Value.ContainsKey("p90") && s.Value.ContainsKey("p99"))
            .GroupBy(s => s.Key.Deployment)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<LadderPoint>)[.. g.OrderBy(s => s.Key.Rate).Select(s => new LadderPoint(
                    s.Key.Rate, s.Value["p50"].Summary.Median, s.Value["p90"].Summary.Median, s.Value["p99"].Summary.Median, s.Value["p99"].Samples.Count))],
                StringComparer.Ordinal);
    }
}
