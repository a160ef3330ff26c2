namespace Workflow.Vocabulary;

/// <summary>The values of the <c>role</c> claim, and the platform's own role.</summary>
public static class Roles
{
    public const string Enterprise = "enterprise";
    public const string Liaison = "liaison";
    public const string Officer = "officer";
    public const string Leader = "leader";
    public const string Admin = "admin";

    /// <summary>The platform itself (deadlines, quota follow-ups, a project drawing on a ledger); never in a token.</summary>
    public const string System = "system";

    /// <summary>The roles a person's token may carry.</summary>
    public static IReadOnlyList<string> All { get; } = [Enterprise, Liaison, Officer, Leader, Admin];
}
