using Workflow.Domain;

namespace Workflow.Demo;

/// <summary>One project's script: its facts, how each step goes, and where it stands at now. The
/// registration day is fitted last, counting back from now, so the held step has run for
/// <see cref="DaysSince"/> working days when the clock's now comes.</summary>
internal sealed class DemoProjectPlan(DemoProjectSpec spec, DemoEnding ending, string? heldStep, IReadOnlyDictionary<string, DemoStepPlan> steps, int runSeed)
{
    public DemoProjectSpec Spec { get; } = spec;

    public DemoEnding Ending { get; } = ending;

    /// <summary>The step the ending is about; null when completed.</summary>
    public string? HeldStep { get; } = heldStep;

    public IReadOnlyDictionary<string, DemoStepPlan> Steps { get; } = steps;

    /// <summary>Seeds the times of day drawn while the script runs.</summary>
    public int RunSeed { get; } = runSeed;

    /// <summary>Working days from the ending's moment (acceptance, suspension, rejection, the last
    /// step...) to now.</summary>
    public int DaysSince { get; set; }

    /// <summary>Whether a held farmland balance step has already reserved its quota.</summary>
    public bool ReserveBeforeHold { get; init; }

    /// <summary>The owner's documents for the first steps (and their acceptance) wait this many working days.</summary>
    public int StartDelay { get; set; } = 1;

    /// <summary>Scales every step's working time, to fit a long history into the months available.</summary>
    public double Pace { get; set; } = 1;

    public DateOnly RegistrationDay { get; set; }

    public bool Holds(string stepKey) => HeldStep == stepKey && Ending != DemoEnding.Completed;

    public int DurationOf(StepDefinition step, string approvalLevel)
    {
        var plan = Steps[step.Key];
        var planned = (int)Math.Round(plan.DurationShare * LimitInWorkingDays(step.TimeLimitFor(approvalLevel)) * Pace);
        return Math.Max(MinimumWorkingDays(step), planned);
    }

    public static int LimitInWorkingDays(TimeLimit? limit) => limit switch
    {
        null => 20,
        { Unit: TimeUnit.WorkingDays } => limit.Amount,
        { Unit: TimeUnit.CalendarDays } => limit.Amount * 5 / 7,
        _ => limit.Amount * 21,
    };

    /// <summary>Enough working days to outlast a statutory minimum whatever the calendar does (a
    /// holiday week only adds calendar days), so no completion is ever refused as too early.</summary>
    private int MinimumWorkingDays(StepDefinition step) =>
        step.MinimumDuration is { } minimum && (minimum.AppliesWhen?.Matches(Spec.Track, Spec.SupplyMode) ?? true)
            ? minimum.Unit switch
            {
                TimeUnit.WorkingDays => minimum.Amount + 1,
                TimeUnit.CalendarDays => ((minimum.Amount * 5) + 6) / 7 + 2,
                _ => minimum.Amount * 23,
            }
            : 2;
}
