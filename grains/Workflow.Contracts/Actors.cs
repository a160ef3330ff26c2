namespace Workflow.Contracts;

/// <summary>The caller, as the gateway authenticated them; grains decide visibility and rights from it.</summary>
[GenerateSerializer, Immutable, Alias("landflow.ActorInfo")]
public sealed record ActorInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Role,
    [property: Id(2)] string? Uscc = null,
    [property: Id(3)] string? Department = null,
    [property: Id(4)] string? County = null);

/// <summary>Why a command was refused: <c>Kind</c> is invalid, notFound, forbidden, conflict or unavailable.</summary>
[GenerateSerializer, Immutable, Alias("landflow.RefusalInfo")]
public sealed record RefusalInfo(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Rule,
    [property: Id(2)] string Detail);

public static class RefusalKinds
{
    public const string Invalid = "invalid";
    public const string NotFound = "notFound";
    public const string Forbidden = "forbidden";
    public const string Conflict = "conflict";

    /// <summary>Nothing was applied because a grain this one needed was lost with its silo: the same command may be
    /// sent again once the cluster has failed over (the gateway does, then answers 503 with Retry-After).</summary>
    public const string Unavailable = "unavailable";
}
