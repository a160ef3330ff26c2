namespace Workflow.Grains;

/// <summary>
/// The key under which the platform's clock is registered. Grains and the deadline scheduler read
/// time only from this keyed <see cref="TimeProvider"/>, so the development clock (and tests' fake
/// clocks) can move workflow time without moving Orleans' own clock, which runs membership and
/// activation lifetimes.
/// </summary>
public static class WorkflowClock
{
    public const string Key = "landflow-clock";
}
