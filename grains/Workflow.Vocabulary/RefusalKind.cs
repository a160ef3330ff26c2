namespace Workflow.Vocabulary;

/// <summary>What kind of no a refusal is; the gateway maps it onto 400, 404, 403, 409 and 503.</summary>
public enum RefusalKind
{
    Invalid,
    NotFound,
    Forbidden,
    Conflict,

    /// <summary>Nothing was applied because a grain this one needed was lost with its silo: the same command may be
    /// sent again once the cluster has failed over (the gateway does, then answers 503 with Retry-After).</summary>
    Unavailable,
}
