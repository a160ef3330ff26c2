using System.Security.Claims;


namespace Workflow.Gateway;

/// <summary>Who is calling, read from the token's claims.</summary>
/// <param name="County">Null when the caller acts in every county.</param>
public sealed record Caller(string Id, string Role, string? Uscc, string? Department, string? County, string Name)
{
    public bool IsEnterprise => Role == Roles.Enterprise;

    public bool IsLiaison => Role == Roles.Liaison;

    public bool IsOfficer => Role == Roles.Officer;

    public bool IsLeader => Role == Roles.Leader;

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>Reads an authenticated principal; throws when <c>sub</c> or <c>role</c> is missing.</summary>
    public static Caller From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = principal.FindFirstValue(LandFlowClaimTypes.Subject)
            ?? throw new InvalidOperationException("The caller's token has no 'sub' claim.");
        var role = principal.FindFirstValue(LandFlowClaimTypes.Role)
            ?? throw new InvalidOperationException("The caller's token has no 'role' claim.");
        return new Caller(
            id,
            role,
            principal.FindFirstValue(LandFlowClaimTypes.Uscc),
            principal.FindFirstValue(LandFlowClaimTypes.Department),
            principal.FindFirstValue(LandFlowClaimTypes.County),
            principal.FindFirstValue(LandFlowClaimTypes.Name) ?? id);
    }

    /// <summary>The claims as they travel in a token: absent ones are left out, not empty.</summary>
    public IReadOnlyDictionary<string, string> ToClaims()
    {
        var claims = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [LandFlowClaimTypes.Subject] = Id,
            [LandFlowClaimTypes.Role] = Role,
            [LandFlowClaimTypes.Name] = Name,
        };
        AddIfPresent(claims, LandFlowClaimTypes.Uscc, Uscc);
        AddIfPresent(claims, LandFlowClaimTypes.Department, Department);
        AddIfPresent(claims, LandFlowClaimTypes.County, County);
        return claims;
    }

    private static void AddIfPresent(Dictionary<string, string> claims, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims[type] = value;
        }
    }
}
