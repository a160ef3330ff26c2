namespace Workflow.Domain;

/// <summary>One version of the farmland-balance rule set, in force from <see cref="EffectiveFrom"/>.</summary>
public sealed record FarmlandBalanceRules(DateOnly EffectiveFrom, YieldTable Yields);
