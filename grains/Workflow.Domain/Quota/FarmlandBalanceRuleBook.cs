namespace Workflow.Domain;

/// <summary>The versions of the farmland-balance rules, picked by the date they are applied on.</summary>
public sealed class FarmlandBalanceRuleBook
{
    public FarmlandBalanceRuleBook(IEnumerable<FarmlandBalanceRules> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        Versions = [.. versions.OrderBy(version => version.EffectiveFrom)];
        if (Versions.Count == 0)
        {
            throw new ArgumentException("A rule book needs at least one version.", nameof(versions));
        }

        if (Versions.Select(version => version.EffectiveFrom).Distinct().Count() != Versions.Count)
        {
            throw new ArgumentException("Two versions cannot take effect on the same day.", nameof(versions));
        }
    }

    /// <summary>Versions, oldest first.</summary>
    public IReadOnlyList<FarmlandBalanceRules> Versions { get; }

    /// <summary>
    /// 2020: balance counts farmland occupied by construction (占补平衡 under the 2019 Land Administration Law).
    /// 2024: the reform counts all occupation of farmland, including conversion to forest, orchard or other
    /// agricultural use, and quota now bounds occupation (以补定占). The formula is the same; only what counts as
    /// occupied changed, so both versions carry the same default yield table.
    /// </summary>
    public static FarmlandBalanceRuleBook Standard { get; } = new(
    [
        new FarmlandBalanceRules(new DateOnly(2020, 1, 1), YieldTable.Default),
        new FarmlandBalanceRules(new DateOnly(2024, 1, 1), YieldTable.Default),
    ]);

    /// <summary>The standard version in force on <paramref name="appliedOn"/>.</summary>
    public static FarmlandBalanceRules For(DateOnly appliedOn) => Standard.InForceOn(appliedOn);

    /// <summary>
    /// The latest version effective on or before <paramref name="appliedOn"/>. Dates before the oldest version get
    /// the oldest one: lots certified earlier still need a capacity, and the bureau has no older table.
    /// </summary>
    public FarmlandBalanceRules InForceOn(DateOnly appliedOn) =>
        Versions.LastOrDefault(version => version.EffectiveFrom <= appliedOn) ?? Versions[0];
}
