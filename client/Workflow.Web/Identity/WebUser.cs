namespace Workflow.Web;

/// <summary>The signed-in user of a page: the same identity and claims an API token carries.</summary>
/// <param name="County">Null when the user acts in every county.</param>
public sealed record WebUser(string Id, string Role, string Name, string? Uscc, string? Department, string? County)
{
    /// <summary>The caller as the grains see it, exactly as the API's endpoints pass it.</summary>
    public ActorInfo ToActor() => new(Id, Role, Uscc, Department, County);
}
