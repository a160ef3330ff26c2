using Workflow.Domain;

namespace Workflow.Demo;

/// <summary>
/// Plans the demo data from a seed and the clock's now by playing it through the domain in memory: projects
/// registered 1–14 months ago and worked act by act as officers would, and the county quota pools they draw on.
/// What it yields is a script (registrations, acts, deposits at their instants) that the seeder brings to the grains;
/// nothing here is written. Nothing reads the wall clock or unseeded randomness, so a seed and a now give the same data.
/// </summary>
internal static class DemoDataGenerator
{
    public static DemoDataSet Generate(int seed, DateTimeOffset now, WorkflowEnvironment environment)
    {
        var random = new Random(seed);
        var calendar = environment.Calendar;
        var today = WorkingCalendar.LocalDate(now);
        var window = new DemoWindow(
            calendar.CountWorkingDays(today.AddMonths(-1), today) + 1,
            calendar.CountWorkingDays(today.AddMonths(-14), today) - 1);

        var specs = DemoProjectSpecs.Create(random);
        var plans = DemoProjectPlans.Create(specs, environment, today, seed, random);
        var demand = DemoCounties.All.ToDictionary(c => c.Code, _ => QuotaAmount.Zero, StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            var fitted = Fit(plan, environment, today, window, random);
            demand[plan.Spec.County] += fitted.Reserved;
            plan.RegistrationDay = DemoWorkdays.Back(calendar, today, fitted.Anchor + plan.DaysSince);
        }

        var codes = AssignCodes(plans);
        var pools = new DemoQuotaPools(environment.BalanceRules);
        DemoQuotaLots.Deposit(pools, demand, today, calendar, random);

        // All projects play on one timeline, so the ledgers see reservations in the order they happened.
        var timeline = new DemoTimeline();
        var runs = plans.Select(p => new DemoProjectRun(p, codes[p], environment, pools, cutoff: today, recordLights: true, timeline)).ToList();
        var queue = new PriorityQueue<int, (DateTimeOffset At, int Run)>();
        for (var i = 0; i < runs.Count; i++)
        {
            // A run whose first act lies past the cutoff (a step held from receipt) has nothing to play.
            if (runs[i].NextAt is { } first)
            {
                queue.Enqueue(i, (first, i));
            }
        }

        while (queue.TryDequeue(out var index, out _))
        {
            runs[index].RunNext();
            if (runs[index].NextAt is { } next)
            {
                queue.Enqueue(index, (next, index));
            }
        }

        foreach (var run in runs)
        {
            run.CatchUpLights(now);
        }

        return new DemoDataSet(seed, runs, pools);
    }

    /// <summary>
    /// Times the script against an unlimited pool to learn when its ending comes, then fits it into
    /// the 1–14 months before now: a short history waits longer for the owner's documents, a long one
    /// is worked faster. Returns the working days from registration to the ending and the quota it reserves.
    /// </summary>
    private static (int Anchor, QuotaAmount Reserved) Fit(DemoProjectPlan plan, WorkflowEnvironment environment, DateOnly today, DemoWindow window, Random random)
    {
        var typeCode = ProjectTypes.Get(plan.Spec.Type).Code;
        int? previousAnchor = null;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            plan.RegistrationDay = DemoWorkdays.Back(environment.Calendar, today, window.MaxWorkingDays);
            var code = ProjectCode.Create(plan.RegistrationDay, plan.Spec.County, typeCode, 0);
            var quota = new DemoUnlimitedQuota();
            var run = new DemoProjectRun(plan, code, environment, quota, cutoff: null, recordLights: false, new DemoTimeline());
            run.RunToEnd();
            var anchor = run.AnchorOffset
                ?? throw new InvalidOperationException($"Demo project {plan.Spec.Index} ({plan.Ending} {plan.HeldStep}) never reached its ending.");
            var total = anchor + plan.DaysSince;
            if (total > window.MaxWorkingDays)
            {
                if (plan.Pace > 0.35)
                {
                    plan.Pace *= 0.85;
                    continue;
                }

                if (anchor >= window.MaxWorkingDays)
                {
                    break;
                }

                plan.DaysSince = window.MaxWorkingDays - anchor;
            }
            else if (total < window.MinWorkingDays)
            {
                if (anchor > 0 && anchor != previousAnchor)
                {
                    previousAnchor = anchor;
                    // The owner took longer over the documents: everything after them moves later.
                    plan.StartDelay += window.MinWorkingDays - total + random.Next(45);
                    continue;
                }

                plan.DaysSince += window.MinWorkingDays - total + random.Next(20);
            }

            return (anchor, quota.Reserved);
        }

        throw new InvalidOperationException($"Demo project {plan.Spec.Index} ({plan.Ending} {plan.HeldStep}) does not fit in 1–14 months.");
    }

    /// <summary>Serials run per county in order of registration, as the code allocator hands them out when the seeder
    /// imports the registrations in that order.</summary>
    private static Dictionary<DemoProjectPlan, ProjectCode> AssignCodes(IReadOnlyList<DemoProjectPlan> plans)
    {
        var codes = new Dictionary<DemoProjectPlan, ProjectCode>();
        foreach (var county in plans.GroupBy(p => p.Spec.County))
        {
            var serial = 0;
            foreach (var plan in county.OrderBy(p => p.RegistrationDay).ThenBy(p => p.Spec.Index))
            {
                codes[plan] = ProjectCode.Create(plan.RegistrationDay, county.Key, ProjectTypes.Get(plan.Spec.Type).Code, ++serial);
            }
        }

        return codes;
    }
}
