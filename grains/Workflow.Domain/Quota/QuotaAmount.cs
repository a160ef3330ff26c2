using System.Globalization;

namespace Workflow.Domain;

/// <summary>An amount of supplementary farmland quota: area and paddy in mu, grain capacity in kg.</summary>
public sealed record QuotaAmount(decimal AreaMu, decimal PaddyMu, decimal CapacityKg)
{
    /// <summary>The order in which indicators are checked, so refusals name the same one every time.</summary>
    public static IReadOnlyList<QuotaIndicator> Indicators { get; } =
        [QuotaIndicator.Area, QuotaIndicator.Paddy, QuotaIndicator.Capacity];

    public static QuotaAmount Zero { get; } = new(0m, 0m, 0m);

    public static QuotaAmount operator +(QuotaAmount left, QuotaAmount right) =>
        new(left.AreaMu + right.AreaMu, left.PaddyMu + right.PaddyMu, left.CapacityKg + right.CapacityKg);

    public static QuotaAmount operator -(QuotaAmount left, QuotaAmount right) =>
        new(left.AreaMu - right.AreaMu, left.PaddyMu - right.PaddyMu, left.CapacityKg - right.CapacityKg);

    /// <summary>The amount of one indicator.</summary>
    public decimal Of(QuotaIndicator indicator) => indicator switch
    {
        QuotaIndicator.Area => AreaMu,
        QuotaIndicator.Paddy => PaddyMu,
        QuotaIndicator.Capacity => CapacityKg,
        _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, "Unknown indicator."),
    };

    /// <summary>An amount of only <paramref name="value"/> in <paramref name="indicator"/>.</summary>
    public static QuotaAmount OnlyOf(QuotaIndicator indicator, decimal value) => indicator switch
    {
        QuotaIndicator.Area => new(value, 0m, 0m),
        QuotaIndicator.Paddy => new(0m, value, 0m),
        QuotaIndicator.Capacity => new(0m, 0m, value),
        _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, "Unknown indicator."),
    };

    public bool IsZero() => AreaMu == 0m && PaddyMu == 0m && CapacityKg == 0m;

    public bool IsNonNegative() => AreaMu >= 0m && PaddyMu >= 0m && CapacityKg >= 0m;

    /// <summary>True when every indicator separately is at least what <paramref name="required"/> asks.</summary>
    public bool Covers(QuotaAmount required) => FirstShortIndicator(required) is null;

    /// <summary>The first indicator (area, paddy, capacity) that falls short of <paramref name="required"/>, or null.</summary>
    public QuotaIndicator? FirstShortIndicator(QuotaAmount required)
    {
        ArgumentNullException.ThrowIfNull(required);
        foreach (var indicator in Indicators)
        {
            if (Of(indicator) < required.Of(indicator))
            {
                return indicator;
            }
        }

        return null;
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"area {AreaMu} mu, paddy {PaddyMu} mu, capacity {CapacityKg} kg");
}
