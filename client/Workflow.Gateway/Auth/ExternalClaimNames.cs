namespace Workflow.Gateway;

/// <summary>
/// "LandFlow:Auth:Claims": the claim of an identity provider's token that carries each of LandFlow's claims
/// (API.md), since providers name them differently (Entra ID and Keycloak put roles in <c>roles</c>). Each
/// defaults to LandFlow's own name. Claims must be top-level; a role's value must be a LandFlow role name.
/// </summary>
public sealed class ExternalClaimNames
{
    public string Subject { get; set; } = LandFlowClaimTypes.Subject;

    public string Role { get; set; } = LandFlowClaimTypes.Role;

    public string Name { get; set; } = LandFlowClaimTypes.Name;

    public string Uscc { get; set; } = LandFlowClaimTypes.Uscc;

    public string Department { get; set; } = LandFlowClaimTypes.Department;

    public string County { get; set; } = LandFlowClaimTypes.County;

    /// <summary>LandFlow's claim type and the provider's, for each claim.</summary>
    public IReadOnlyList<(string LandFlow, string Provider)> Pairs() =>
    [
        (LandFlowClaimTypes.Subject, Subject),
        (LandFlowClaimTypes.Role, Role),
        (LandFlowClaimTypes.Name, Name),
        (LandFlowClaimTypes.Uscc, Uscc),
        (LandFlowClaimTypes.Department, Department),
        (LandFlowClaimTypes.County, County),
    ];
}
