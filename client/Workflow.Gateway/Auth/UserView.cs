namespace Workflow.Gateway;

/// <summary>A user as the API shows them: id, role, name, and the claims of their token.</summary>
public sealed record UserView(string Id, string Role, string Name, IReadOnlyDictionary<string, string> Claims)
{
    public static UserView Of(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new UserView(caller.Id, caller.Role, caller.Name, caller.ToClaims());
    }
}
