namespace Workflow.Hosting;

/// <summary>The values of the <c>role</c> claim.</summary>
public static class LandFlowRoles
{
    public const string Enterprise = "enterprise";
    public const string Liaison = "liaison";
    public const string Officer = "officer";
    public const string Leader = "leader";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Enterprise, Liaison, Officer, Leader, Admin];
}
