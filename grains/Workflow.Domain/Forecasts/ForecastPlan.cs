namespace Workflow.Domain;

internal enum StepMode
{
    Settled,
    Open,
    Waiting,

    /// <summary>Waiting, and expected to be skipped when it becomes ready (a hearing nobody asked for).</summary>
    WillSkip,
}

/// <summary>What a forecast run needs of one step, worked out once per forecast.</summary>
internal sealed class PlannedStep
{
    public required StepDefinition Definition { get; init; }
    public required StepMode Mode { get; init; }
    public int[] Required { get; set; } = [];
    public int[] StartAfter { get; set; } = [];
    public int SettledStart { get; init; }
    public int SettledFinish { get; init; }
    public int Elapsed { get; init; }
    public int? StartedOn { get; init; }
    public int? EarliestOn { get; init; }
    public MinimumDuration? Minimum { get; init; }
    public DurationDistribution? Durations { get; init; }
    public StepPoolChoice? Pool { get; init; }
}

/// <summary>The project's steps as a forecast walks them: dependency order, what is settled, what is open since when,
/// which pool each remaining step draws from, and where the current stage ends.</summary>
internal sealed class ForecastPlan
{
    private ForecastPlan(IReadOnlyList<PlannedStep> steps, int[] order, int[] ends, int[] stageSteps, int[] stageEndsBefore)
    {
        Steps = steps;
        Order = order;
        Ends = ends;
        StageSteps = stageSteps;
        StageEndsBefore = stageEndsBefore;
    }

    public IReadOnlyList<PlannedStep> Steps { get; }

    public int[] Order { get; }

    /// <summary>The steps whose completion completes the procedure (the Final step; every step if none is marked).</summary>
    public int[] Ends { get; }

    public int[] StageSteps { get; }

    public int[] StageEndsBefore { get; }

    public static ForecastPlan Build(ProjectState project, WorkflowTemplate template, DwellSamples samples, ForecastSettings settings, WorkingCalendar calendar, DateOnly today)
    {
        var index = template.Steps.Select((s, i) => (s.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        var steps = template.Steps.Select(definition =>
        {
            var step = project.FindStep(definition.Key) ?? new StepState { Key = definition.Key, TimeLimit = definition.TimeLimitFor(project.ApprovalLevel) };
            var planned = Plan(project, definition, step, samples, settings, calendar, today);
            planned.Required = [.. definition.DependsOn
                .Concat(definition.DependsOnWhen.Where(d => d.When.Matches(project)).Select(d => d.Step))
                .Select(k => index[k])];
            planned.StartAfter = [.. definition.DependsOnStart.Select(k => index[k])];
            return planned;
        }).ToList();

        var order = TopologicalOrder(template, index);
        var ancestors = Ancestors(steps, order);
        var open = Enumerable.Range(0, steps.Count).Where(i => steps[i].Mode == StepMode.Open).ToArray();
        var candidates = Enumerable.Range(0, steps.Count)
            .Where(i => steps[i].Mode is StepMode.Waiting or StepMode.WillSkip && open.Length > 0 && open.All(o => ancestors[i].Contains(o)))
            .ToHashSet();
        var stageEndsBefore = order.Where(c => candidates.Contains(c) && !ancestors[c].Overlaps(candidates)).ToArray();
        var finals = Enumerable.Range(0, steps.Count).Where(i => steps[i].Definition.Kind == StepKind.Final).ToArray();
        return new ForecastPlan(steps, order, finals.Length > 0 ? finals : [.. Enumerable.Range(0, steps.Count)], open, stageEndsBefore);
    }

    private static PlannedStep Plan(
        ProjectState project, StepDefinition definition, StepState step, DwellSamples samples, ForecastSettings settings, WorkingCalendar calendar, DateOnly today)
    {
        var minimum = definition.MinimumDuration is { } m && (m.AppliesWhen?.Matches(project) ?? true) ? m : null;
        if (step.Status is StepStatus.Done or StepStatus.Skipped or StepStatus.Rejected)
        {
            var finished = WorkingCalendar.LocalDate(step.CompletedAt ?? step.StartedAt ?? step.ReadyAt ?? project.RegisteredAt).DayNumber;
            var started = step.StartedAt is { } s ? Math.Min(WorkingCalendar.LocalDate(s).DayNumber, finished) : finished;
            return new PlannedStep { Definition = definition, Mode = StepMode.Settled, SettledStart = started, SettledFinish = finished };
        }

        if (step.IsOpen)
        {
            var readyDay = WorkingCalendar.LocalDate(step.ReadyAt ?? step.ReceivedAt ?? step.StartedAt ?? project.RegisteredAt);
            var (durations, pool) = Durations(project, definition, step, samples, settings);
            int? earliestOn = step.EarliestCompletionAt is { } earliest && WorkingCalendar.LocalDate(earliest) > today
                ? NextWorkingDay(calendar, WorkingCalendar.LocalDate(earliest)).DayNumber
                : null;
            return new PlannedStep
            {
                Definition = definition,
                Mode = StepMode.Open,
                Elapsed = readyDay < today ? calendar.CountWorkingDays(readyDay, today) : 0,
                StartedOn = step.StartedAt is { } s ? WorkingCalendar.LocalDate(s).DayNumber : null,
                EarliestOn = earliestOn,
                Minimum = minimum,
                Durations = durations,
                Pool = pool,
            };
        }

        if (WillBeSkipped(project, definition))
        {
            return new PlannedStep { Definition = definition, Mode = StepMode.WillSkip };
        }

        var (waitingDurations, waitingPool) = Durations(project, definition, step, samples, settings);
        return new PlannedStep { Definition = definition, Mode = StepMode.Waiting, Minimum = minimum, Durations = waitingDurations, Pool = waitingPool };
    }

    /// <summary>The same step in the project's county; else in every county; else the prior from its time limit.</summary>
    private static (DurationDistribution, StepPoolChoice) Durations(
        ProjectState project, StepDefinition definition, StepState step, DwellSamples samples, ForecastSettings settings)
    {
        if (samples.InCounty(project.Procedure, definition.Key, project.County) is { } county && county.Total >= settings.MinSamples)
        {
            return (DurationDistribution.Of(county), new StepPoolChoice(definition.Key, ForecastPool.County, county.Total));
        }

        if (samples.InAllCounties(project.Procedure, definition.Key) is { } all && all.Total >= settings.MinSamples)
        {
            return (DurationDistribution.Of(all), new StepPoolChoice(definition.Key, ForecastPool.AllCounties, all.Total));
        }

        var limit = step.TimeLimit ?? definition.TimeLimitFor(project.ApprovalLevel);
        return (DurationDistribution.Prior(limit), new StepPoolChoice(definition.Key, ForecastPool.Prior, 0));
    }

    /// <summary>
    /// A waiting step the project will skip: one off its track (normally skipped at registration already), one held only
    /// on request (nobody has asked yet: the usual case), and one held only on another step's facts unless those facts,
    /// already recorded, call for it. A hearing that does happen reopens the plan; the forecast does not foresee that.
    /// </summary>
    private static bool WillBeSkipped(ProjectState project, StepDefinition definition) =>
        (definition.AppliesWhen is { } when && !when.Matches(project))
        || definition.OnRequest is not null
        || (definition.HeldWhen is { } held && !IsHeld(project, held));

    /// <summary>Whether the recorded facts hold the step, as <see cref="Project"/> decides when the step becomes ready.</summary>
    private static bool IsHeld(ProjectState project, HeldWhen held)
    {
        if (project.FindStep(held.Step) is not { Status: StepStatus.Done, Facts: { } facts })
        {
            return false;
        }

        return held.AnyOf.Any(condition => condition.MoreThanHalfOf is { } whole
            ? FactValues.TryGetWholeNumber(facts[condition.Fact], out var part) && FactValues.TryGetWholeNumber(facts[whole], out var of) && part * 2 > of
            : facts[condition.Fact] is { } node
                && ((FactValues.TryGetBoolean(node, out var decided) && decided) || (FactValues.TryGetNumber(node, out var count) && count > 0)));
    }

    private static DateOnly NextWorkingDay(WorkingCalendar calendar, DateOnly day)
    {
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static int[] TopologicalOrder(WorkflowTemplate template, Dictionary<string, int> index)
    {
        var order = new List<int>();
        var state = new int[template.Steps.Count];
        void Visit(int i)
        {
            if (state[i] != 0)
            {
                return;
            }

            state[i] = 1;
            var step = template.Steps[i];
            foreach (var dependency in step.DependsOn.Concat(step.DependsOnStart).Concat(step.DependsOnWhen.Select(d => d.Step)))
            {
                Visit(index[dependency]);
            }

            state[i] = 2;
            order.Add(i);
        }

        for (var i = 0; i < template.Steps.Count; i++)
        {
            Visit(i);
        }

        return [.. order];
    }

    private static HashSet<int>[] Ancestors(IReadOnlyList<PlannedStep> steps, int[] order)
    {
        var ancestors = new HashSet<int>[steps.Count];
        foreach (var i in order)
        {
            ancestors[i] = [];
            foreach (var j in steps[i].Required.Concat(steps[i].StartAfter))
            {
                ancestors[i].Add(j);
                ancestors[i].UnionWith(ancestors[j]);
            }
        }

        return ancestors;
    }
}
