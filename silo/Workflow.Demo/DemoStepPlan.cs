namespace Workflow.Demo;

/// <summary>How one step goes in a project's history, drawn up front so every replay is the same.</summary>
/// <param name="AcceptDelay">Working days from ready to the officer's acceptance.</param>
/// <param name="DurationShare">Working time as a share of the statutory limit; above 1 overruns.</param>
/// <param name="SuspendAfter">Working days after acceptance at which a supplement is asked for, if one is.</param>
/// <param name="ActAfter">Working days after acceptance of a reservation, rejection, withdrawal or suspension.</param>
/// <param name="Holdouts">Some households do not sign (agreements only); the filing explains them.</param>
internal sealed record DemoStepPlan(int AcceptDelay, double DurationShare, int? SuspendAfter, int SuspendFor, bool HearingRequested, int ActAfter, bool Holdouts);
