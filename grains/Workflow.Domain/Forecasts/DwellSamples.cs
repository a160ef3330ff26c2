namespace Workflow.Domain;

/// <summary>Which step of which procedure in which county a histogram describes. Step keys are shared by a procedure's
/// template versions, so visits under every version of it pool together.</summary>
public readonly record struct DwellKey(string Procedure, string Step, string County);

/// <summary>
/// Completed visits to one step: working days from the step becoming ready to its completion (waiting to be accepted and
/// being worked together, as the forecast needs the whole visit) → how many visits took that long. A visit completed on
/// the day it became ready counts 0.
/// </summary>
public sealed class DwellHistogram
{
    public DwellHistogram(IReadOnlyDictionary<int, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Any(c => c.Key < 0 || c.Value < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(counts), "Working days and counts are never negative.");
        }

        Counts = counts.Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value);
        Total = Counts.Values.Sum();
    }

    public IReadOnlyDictionary<int, int> Counts { get; }

    public int Total { get; }

    public static DwellHistogram Of(IEnumerable<int> workingDays) =>
        new(workingDays.GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count()));

    public DwellHistogram Plus(DwellHistogram other)
    {
        var sum = new Dictionary<int, int>(Counts);
        foreach (var (days, count) in other.Counts)
        {
            sum[days] = sum.GetValueOrDefault(days) + count;
        }

        return new DwellHistogram(sum);
    }
}

/// <summary>Every dwell histogram a forecast may draw on, per step and county, with the all-county pools summed once.</summary>
public sealed class DwellSamples
{
    private readonly Dictionary<DwellKey, DwellHistogram> byCounty;
    private readonly Dictionary<(string Procedure, string Step), DwellHistogram> allCounties;

    public DwellSamples(IEnumerable<KeyValuePair<DwellKey, DwellHistogram>> histograms, DateTimeOffset? asOf = null)
    {
        byCounty = [];
        foreach (var (key, histogram) in histograms)
        {
            byCounty[key] = byCounty.TryGetValue(key, out var existing) ? existing.Plus(histogram) : histogram;
        }

        allCounties = byCounty
            .GroupBy(h => (h.Key.Procedure, h.Key.Step))
            .ToDictionary(g => g.Key, g => g.Select(h => h.Value).Aggregate((a, b) => a.Plus(b)));
        AsOf = asOf;
    }

    public static DwellSamples Empty { get; } = new([]);

    /// <summary>When the source read the histograms (null: unknown).</summary>
    public DateTimeOffset? AsOf { get; }

    public int Count => byCounty.Count;

    public DwellHistogram? InCounty(string procedure, string step, string county) =>
        byCounty.GetValueOrDefault(new DwellKey(procedure, step, county));

    public DwellHistogram? InAllCounties(string procedure, string step) =>
        allCounties.GetValueOrDefault((procedure, step));

    /// <summary>Whether <paramref name="other"/> holds the same histograms (every key, every count), whatever its
    /// <see cref="AsOf"/>: a forecast made from one is the forecast the other would make.</summary>
    public bool SameHistogramsAs(DwellSamples other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (byCounty.Count != other.byCounty.Count)
        {
            return false;
        }

        foreach (var (key, histogram) in byCounty)
        {
            if (!other.byCounty.TryGetValue(key, out var theirs) || theirs.Total != histogram.Total || theirs.Counts.Count != histogram.Counts.Count)
            {
                return false;
            }

            foreach (var (days, count) in histogram.Counts)
            {
                if (theirs.Counts.GetValueOrDefault(days) != count)
                {
                    return false;
                }
            }
        }

        return true;
    }
}

/// <summary>Where dwell histograms come from (the analytics read model of completed step visits).</summary>
public interface IDwellSampleSource
{
    Task<DwellSamples> LoadAsync(CancellationToken cancellationToken = default);
}

/// <summary>No history at all: every step falls back to its prior. The source until a read model is wired.</summary>
public sealed class NoDwellSamples : IDwellSampleSource
{
    public Task<DwellSamples> LoadAsync(CancellationToken cancellationToken = default) => Task.FromResult(DwellSamples.Empty);
}
