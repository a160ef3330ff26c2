namespace Workflow.Demo;

/// <summary>Where a demo project stands at the clock's now.</summary>
internal enum DemoEnding
{
    /// <summary>Every step done.</summary>
    Completed,

    /// <summary>The held step is ready and nobody has accepted it yet.</summary>
    HeldReady,

    /// <summary>The held step is being worked; its light follows from how long.</summary>
    HeldInProgress,

    /// <summary>The held step waits for the owner's supplement (补正).</summary>
    HeldSuspended,

    /// <summary>An officer rejected the held step.</summary>
    Rejected,

    /// <summary>The owner withdrew while the held step ran.</summary>
    Withdrawn,
}
