namespace Workflow.Demo;

/// <summary>One act of a script: what, on which step, on which working day after registration, when.</summary>
internal sealed record DemoAction(DemoActionKind Kind, string? Step, int Offset, DateTimeOffset At);

internal enum DemoActionKind
{
    SubmitDocuments,
    Start,
    Reserve,
    Suspend,
    Resume,
    Complete,
    Reject,
    Withdraw,
}
