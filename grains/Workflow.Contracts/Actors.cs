namespace Workflow.Contracts;

/// <summary>The caller, as the gateway authenticated them; grains decide visibility and rights from it.</summary>
[GenerateSerializer, Immutable, Alias("landflow.ActorInfo")]
public sealed record ActorInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Role,
    [property: Id(2)] string? Uscc = null,
    [property: Id(3)] string? Department = null,
    [property: Id(4)] string? County = null);
