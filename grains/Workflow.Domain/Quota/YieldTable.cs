using System.Text.Json.Serialization;

namespace Workflow.Domain;

/// <summary>
/// Standard grain yield (kg per mu) of each cultivated-land quality grade (利用等别, 1 best .. 15 worst).
/// Configurable because the province revises the figures; <see cref="Default"/> is (16 − grade) × 100.
/// </summary>
public sealed record YieldTable
{
    public const int BestGrade = 1;
    public const int WorstGrade = 15;

    [JsonConstructor]
    public YieldTable(IReadOnlyList<decimal> kgPerMuByGrade)
    {
        ArgumentNullException.ThrowIfNull(kgPerMuByGrade);
        if (kgPerMuByGrade.Count != WorstGrade)
        {
            throw new ArgumentException(
                $"A yield table has exactly {WorstGrade} entries (grades {BestGrade}..{WorstGrade}).",
                nameof(kgPerMuByGrade));
        }

        if (kgPerMuByGrade.Any(kg => kg < 0m))
        {
            throw new ArgumentException("Yields cannot be negative.", nameof(kgPerMuByGrade));
        }

        KgPerMuByGrade = [.. kgPerMuByGrade];
    }

    /// <summary>Yields in grade order: index 0 is grade 1.</summary>
    public IReadOnlyList<decimal> KgPerMuByGrade { get; }

    public static YieldTable Default { get; } =
        new(Enumerable.Range(BestGrade, WorstGrade).Select(grade => (16m - grade) * 100m).ToArray());

    public static bool IsValidGrade(int grade) => grade is >= BestGrade and <= WorstGrade;

    public decimal KgPerMu(int grade)
    {
        if (!IsValidGrade(grade))
        {
            throw new ArgumentOutOfRangeException(nameof(grade), grade, $"Grades run {BestGrade}..{WorstGrade}.");
        }

        return KgPerMuByGrade[grade - 1];
    }

    /// <summary>Capacity of <paramref name="areaMu"/> of land of <paramref name="grade"/>.</summary>
    public decimal CapacityKg(decimal areaMu, int grade) => areaMu * KgPerMu(grade);

    /// <summary>A copy with one grade's yield replaced.</summary>
    public YieldTable WithGrade(int grade, decimal kgPerMu)
    {
        _ = KgPerMu(grade);
        var yields = KgPerMuByGrade.ToArray();
        yields[grade - 1] = kgPerMu;
        return new YieldTable(yields);
    }

    // Records compare lists by reference; a table is equal to another with the same figures.
    public bool Equals(YieldTable? other) =>
        other is not null && KgPerMuByGrade.SequenceEqual(other.KgPerMuByGrade);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var kg in KgPerMuByGrade)
        {
            hash.Add(kg);
        }

        return hash.ToHashCode();
    }
}
