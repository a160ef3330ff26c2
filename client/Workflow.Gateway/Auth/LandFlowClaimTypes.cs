namespace Workflow.Gateway;

/// <summary>The claim names of our tokens, kept short and unmapped (<c>MapInboundClaims = false</c>).</summary>
public static class LandFlowClaimTypes
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Name = "name";
    public const string Uscc = "uscc";
    public const string Department = "department";
    public const string County = "county";
}
