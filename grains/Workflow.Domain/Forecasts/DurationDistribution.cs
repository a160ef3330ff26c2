namespace Workflow.Domain;

/// <summary>
/// A step's duration in working days as a discrete distribution (a histogram), drawn from by inverse CDF: plainly, or
/// conditionally on the visit having lasted at least so many days already (a step open for a while continues from there).
/// </summary>
public sealed class DurationDistribution
{
    /// <summary>Steps with no statutory limit get this one for their prior (DOMAIN.md's default limit of a step).</summary>
    public const int DefaultLimitWorkingDays = 20;

    private readonly int[] days;
    private readonly long[] cumulative;

    private DurationDistribution(IReadOnlyDictionary<int, int> counts)
    {
        var ordered = counts.Where(c => c.Value > 0).OrderBy(c => c.Key).ToArray();
        if (ordered.Length == 0)
        {
            throw new ArgumentException("A distribution needs at least one sample.", nameof(counts));
        }

        days = [.. ordered.Select(c => c.Key)];
        cumulative = new long[ordered.Length];
        long running = 0;
        for (var i = 0; i < ordered.Length; i++)
        {
            running += ordered[i].Value;
            cumulative[i] = running;
        }
    }

    public long Samples => cumulative[^1];

    public static DurationDistribution Of(DwellHistogram histogram) => new(histogram.Counts);

    /// <summary>
    /// The prior when history is thin: uniform over the second half of the step's statutory time limit, in working days
    /// (from ⌈L/2⌉ to L): departments seldom finish in days, and the limit is what they are held to. A limit in calendar
    /// days counts 5 working days a week (rounded up), one in months 21 a month; a step without a limit takes
    /// <see cref="DefaultLimitWorkingDays"/>.
    /// </summary>
    public static DurationDistribution Prior(TimeLimit? limit)
    {
        var l = Math.Max(1, LimitInWorkingDays(limit));
        var counts = new Dictionary<int, int>();
        for (var d = (l + 1) / 2; d <= l; d++)
        {
            counts[d] = 1;
        }

        return new DurationDistribution(counts);
    }

    public static int LimitInWorkingDays(TimeLimit? limit) => limit switch
    {
        null => DefaultLimitWorkingDays,
        { Unit: TimeUnit.WorkingDays } => limit.Amount,
        { Unit: TimeUnit.CalendarDays } => (limit.Amount * 5 + 6) / 7,
        _ => limit.Amount * 21,
    };

    public int Draw(ref ForecastRandom random) => At(random.Below(Samples));

    /// <summary>A duration of at least <paramref name="elapsed"/> working days, drawn from the visits that lasted that long;
    /// when none did (the step is already longer than any seen), it ends on the next working day.</summary>
    public int DrawAtLeast(int elapsed, ref ForecastRandom random)
    {
        var first = Array.BinarySearch(days, elapsed);
        if (first < 0)
        {
            first = ~first;
        }

        if (first >= days.Length)
        {
            return elapsed + 1;
        }

        var before = first == 0 ? 0 : cumulative[first - 1];
        return At(before + random.Below(Samples - before));
    }

    private int At(long rank)
    {
        // The first value whose cumulative count exceeds the rank.
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (cumulative[mid] > rank)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return days[lo];
    }
}

/// <summary>SplitMix64: small, fast and the same on every platform and runtime version, so a seeded forecast repeats
/// exactly (<see cref="System.Random"/> promises no such thing across versions).</summary>
public struct ForecastRandom(ulong seed)
{
    private ulong state = seed;

    /// <summary>A seed from a project code (FNV-1a; string hash codes differ per process).</summary>
    public static ulong SeedOf(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    public ulong Next()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, n), n ≥ 1 (the modulo bias is below 2⁻⁴⁰ for the counts a histogram holds).</summary>
    public long Below(long n) => (long)(Next() % (ulong)n);
}
