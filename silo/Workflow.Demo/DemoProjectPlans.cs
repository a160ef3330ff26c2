using Workflow.Domain;

namespace Workflow.Demo;

/// <summary>
/// Decides where each project stands at now and how each of its steps goes. The spread is fixed so
/// every seed shows the same picture: every LAL_2020 step open somewhere, projects completed,
/// approved, rejected and withdrawn, some waiting for supplements, and lights of every colour.
/// </summary>
internal static class DemoProjectPlans
{
    private const int Completed = 24;

    /// <summary>Active projects by the step they wait at; each step at least twice, the long ones more.</summary>
    private static readonly (string Step, int Count)[] ActiveHolds =
    [
        ("approval", 12), ("prereview", 6), ("pre_announcement", 8), ("survey", 8), ("risk_assessment", 6),
        ("compensation_plan", 10), ("plan_announcement", 14), ("hearing", 3), ("registration", 8), ("agreements", 18),
        ("farmland_balance", 14), ("funds", 8), ("filing", 20),
    ];

    /// <summary>Approved projects by the step after the filing they wait at.</summary>
    private static readonly (string Step, int Count)[] ApprovedHolds =
        [("acquisition_announcement", 5), ("payment_handover", 7), ("land_supply", 6), ("property_registration", 6)];

    // One filing rejection releases a reservation; a standalone project fails its pre-review.
    private static readonly string[] Rejections = ["approval", "prereview", "risk_assessment", "filing", "filing"];

    // Withdrawals after the quota was reserved release it.
    private static readonly string[] Withdrawals = ["approval", "survey", "agreements", "agreements", "funds"];

    // Steps where an officer plausibly asks for a supplement (补正).
    private static readonly string[] Supplementable =
        ["approval", "prereview", "survey", "risk_assessment", "compensation_plan", "registration", "farmland_balance", "funds", "filing", "land_supply"];

    public static IReadOnlyList<DemoProjectPlan> Create(IReadOnlyList<DemoProjectSpec> specs, WorkflowEnvironment environment, DateOnly today, int seed, Random random)
    {
        var endings = new Dictionary<int, (DemoEnding Ending, string? Step)>();
        var legacy = specs.Where(s => s.IsLegacy).ToList();
        (DemoEnding, string?)[] legacyEndings = [(DemoEnding.HeldInProgress, "payment_handover"), (DemoEnding.HeldInProgress, "approval")];
        for (var i = 0; i < legacy.Count; i++)
        {
            // Most records from before 2020 are long finished.
            endings[legacy[i].Index] = i < legacyEndings.Length ? legacyEndings[i] : (DemoEnding.Completed, null);
        }

        var lal2020 = specs.Where(s => !s.IsLegacy).OrderBy(_ => random.Next()).ToList();
        var slots = Lal2020Slots(lal2020.Count);
        foreach (var slot in slots.OrderByDescending(s => s.Step == "prereview"))
        {
            // Only stand-alone siting has a pre-review.
            var spec = lal2020.First(s => slot.Step != "prereview" || s.Track == Tracks.Standalone);
            lal2020.Remove(spec);
            endings[spec.Index] = (slot.Ending, slot.Step);
        }

        return [.. specs.Select(spec => Plan(spec, endings[spec.Index], environment, today, seed, random))];
    }

    private static List<(DemoEnding Ending, string? Step)> Lal2020Slots(int count)
    {
        var slots = new List<(DemoEnding, string?)>();
        slots.AddRange(Enumerable.Repeat<(DemoEnding, string?)>((DemoEnding.Completed, null), Completed));
        slots.AddRange(Rejections.Select(s => (DemoEnding.Rejected, (string?)s)));
        slots.AddRange(Withdrawals.Select(s => (DemoEnding.Withdrawn, (string?)s)));
        slots.AddRange(ApprovedHolds.SelectMany(h => Enumerable.Repeat<(DemoEnding, string?)>((DemoEnding.HeldInProgress, h.Step), h.Count)));

        // Every step twice first, so a shorter list still leaves each one open somewhere.
        var active = ActiveHolds.SelectMany(h => new[] { h.Step, h.Step })
            .Concat(ActiveHolds.SelectMany(h => Enumerable.Repeat(h.Step, Math.Max(0, h.Count - 2))))
            .ToList();
        for (var i = 0; slots.Count < count; i++)
        {
            slots.Add((DemoEnding.HeldInProgress, active[i % active.Count]));
        }

        return slots.Take(count).ToList();
    }

    private static DemoProjectPlan Plan(DemoProjectSpec spec, (DemoEnding Ending, string? Step) ending, WorkflowEnvironment environment, DateOnly today, int seed, Random random)
    {
        // Projects registered in the last 14 months apply under the template in force today (LAL_2020 v3).
        var template = environment.Templates.ForApplication(spec.AppliedOn ?? today);
        var level = environment.Rules.ApprovalLevelFor(spec.AreaMu, spec.CultivatedMu, spec.PermanentBasicFarmland);
        var steps = template.Steps.ToDictionary(s => s.Key, _ => DrawStep(random), StringComparer.Ordinal);
        var kind = ending.Ending;
        if (kind == DemoEnding.HeldInProgress && ending.Step is { } held)
        {
            var roll = random.NextDouble();
            if (roll < 0.12 && held != "hearing")
            {
                kind = DemoEnding.HeldReady;
            }
            else if (roll < 0.19 && Supplementable.Contains(held) && !spec.IsLegacy)
            {
                kind = DemoEnding.HeldSuspended;
            }
        }

        var step = ending.Step is { } key ? template.Step(key) : null;
        if (step?.OnRequest is not null)
        {
            // A hearing that is open at now was asked for.
            steps[step.Key] = steps[step.Key] with { HearingRequested = true };
        }

        return new DemoProjectPlan(spec, kind, ending.Step, steps, unchecked((seed * 7919) + spec.Index))
        {
            DaysSince = DaysSince(kind, step, level, random),
            ReserveBeforeHold = random.Next(2) == 0,
        };
    }

    private static DemoStepPlan DrawStep(Random random)
    {
        var acceptDelay = random.NextDouble() < 0.7 ? 1 : 2 + random.Next(2);
        var roll = random.NextDouble();
        var share = roll < 0.8 ? 0.3 + (0.45 * random.NextDouble())
            : roll < 0.9 ? 0.8 + (0.2 * random.NextDouble())
            : 1.05 + (0.4 * random.NextDouble());
        int? suspendAfter = random.NextDouble() < 0.07 ? 1 + random.Next(3) : null;
        var suspendFor = 3 + random.Next(8);
        var hearing = random.NextDouble() < 0.15;
        var actAfter = 1 + random.Next(4);
        var holdouts = random.NextDouble() < 0.25;
        return new DemoStepPlan(acceptDelay, share, suspendAfter, suspendFor, hearing, actAfter, holdouts);
    }

    /// <summary>Working days between the ending's moment and now. For a step whose clock runs this
    /// is what sets its light: green well inside the limit, yellow in its last fifth, red past it.</summary>
    private static int DaysSince(DemoEnding ending, StepDefinition? step, string level, Random random)
    {
        var roll = random.NextDouble();
        var clockRuns = step is not null
            && (ending == DemoEnding.HeldInProgress || (ending == DemoEnding.HeldReady && step.ClockStartsAt == ClockStart.Ready));
        if (!clockRuns)
        {
            return ending switch
            {
                DemoEnding.HeldSuspended => 2 + random.Next(14),
                DemoEnding.HeldReady => 1 + random.Next(8),
                _ => 1 + random.Next(60),
            };
        }

        var limit = DemoProjectPlan.LimitInWorkingDays(step!.TimeLimitFor(level));
        if (roll < 0.62)
        {
            return 1 + random.Next(Math.Max(1, (int)(0.6 * limit)));
        }

        if (roll < 0.80)
        {
            var first = (int)Math.Ceiling(0.8 * limit) + 1;
            return first + random.Next(Math.Max(1, limit - first + 1));
        }

        return limit + 1 + random.Next(Math.Max(3, limit / 3));
    }
}
