namespace Workflow.Benchmarks;

/// <summary>One measured quantity, with a sample per repeated run.</summary>
public sealed class Figure(string key, string title, string unit, string group)
{
    private readonly List<double> samples = [];

    public string Key { get; } = key;

    public string Title { get; } = title;

    public string Unit { get; } = unit;

    public string Group { get; } = group;

    public string? Note { get; set; }

    public IReadOnlyList<double> Samples => samples;

    public void Add(double sample) => samples.Add(sample);

    public SampleSummary Summary => SampleSummary.Of(samples);
}

/// <summary>Median, extremes and quartiles of a few samples (linear interpolation between ranks).</summary>
public sealed record SampleSummary(int Runs, double Median, double Min, double Max, double Q1, double Q3)
{
    public static SampleSummary Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            return new SampleSummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = samples.Order().ToArray();
        return new SampleSummary(sorted.Length, Percentile(sorted, 50), sorted[0], sorted[^1], Percentile(sorted, 25), Percentile(sorted, 75));
    }

    /// <summary>The p-th percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = p / 100.0 * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}

/// <summary>A goal of the issue: a ratio of two figures' medians (or one figure alone) against a bound, which is a
/// number or, when <paramref name="BoundFigure"/> is given, that figure's median (e.g. a stop against the configured timeout).</summary>
public sealed record Goal(string Title, string Numerator, string? Denominator, double Bound, bool AtLeast, string? BoundFigure = null)
{
    public double? Value(IReadOnlyDictionary<string, Figure> figures)
    {
        if (!figures.TryGetValue(Numerator, out var top) || top.Samples.Count == 0)
        {
            return null;
        }

        if (Denominator is null)
        {
            return top.Summary.Median;
        }

        return figures.TryGetValue(Denominator, out var bottom) && bottom.Samples.Count > 0 && bottom.Summary.Median > 0
            ? top.Summary.Median / bottom.Summary.Median
            : null;
    }

    /// <summary>The bound in force: the number, or the bound figure's median (NaN when that figure was not measured).</summary>
    public double BoundIn(IReadOnlyDictionary<string, Figure> figures) =>
        BoundFigure is null ? Bound
        : figures.TryGetValue(BoundFigure, out var bound) && bound.Samples.Count > 0 ? bound.Summary.Median
        : double.NaN;

    /// <summary>Null when not measured, or when the goal has no bound (a ratio shown for reading only).</summary>
    public bool? Met(IReadOnlyDictionary<string, Figure> figures)
    {
        var bound = BoundIn(figures);
        return double.IsNaN(bound) ? null : Value(figures) is { } value && !double.IsNaN(value) ? (AtLeast ? value >= bound : value <= bound) : null;
    }
}
