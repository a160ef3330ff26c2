namespace Workflow.Domain;

/// <summary>
/// Monte Carlo over a template's graph: each run draws every unfinished step's duration (working days from ready to done)
/// from observed visits, walks the steps in dependency order (a step is ready when everything it depends on is settled and
/// everything it must follow has started; parallel branches join at the later one), holds announcement periods to their
/// statutory minimum as <see cref="StepClock"/> counts them, and records when the stage and the procedure end. Done and
/// skipped steps stay where the project's state put them; an open step continues from the working days it has already
/// taken. Seeded from the project code, so the same state gives the same forecast on every read.
/// </summary>
public sealed class ProcedureForecaster(WorkingCalendar calendar, StepClock clock)
{
    public ProcedureForecaster(WorkflowEnvironment environment)
        : this(environment.Calendar, environment.Clock)
    {
    }

    /// <summary>The forecast of a project that is still running (active or approved), or null for a closed one.</summary>
    public ProcedureForecast? Forecast(ProjectState project, WorkflowTemplate template, DwellSamples samples, DateTimeOffset now, ForecastSettings settings)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(samples);
        if (project.Status is not (ProjectStatus.Active or ProjectStatus.Approved))
        {
            return null;
        }

        var today = WorkingCalendar.LocalDate(now);
        var line = new WorkingDayLine(calendar, today);
        var plan = ForecastPlan.Build(project, template, samples, settings, calendar, today);
        var runs = Math.Max(1, settings.Runs);
        var random = new ForecastRandom(ForecastRandom.SeedOf(project.Code));
        var stageEnds = new int[runs];
        var procedureEnds = new int[runs];
        var earliest = new Dictionary<long, int>();
        var steps = plan.Steps;
        var ready = new int[steps.Count];
        var start = new int[steps.Count];
        var finish = new int[steps.Count];
        var todayNumber = today.DayNumber;

        for (var run = 0; run < runs; run++)
        {
            foreach (var i in plan.Order)
            {
                var step = steps[i];
                switch (step.Mode)
                {
                    case StepMode.Settled:
                        ready[i] = start[i] = step.SettledStart;
                        finish[i] = step.SettledFinish;
                        break;
                    case StepMode.Open:
                        // Continuing from the days already taken: AddWorkingDays(ready, D) = AddWorkingDays(today, D - elapsed).
                        var left = step.Durations!.DrawAtLeast(step.Elapsed, ref random) - step.Elapsed;
                        ready[i] = todayNumber;
                        start[i] = step.StartedOn ?? todayNumber;
                        finish[i] = Math.Max(line.AddWorkingDays(todayNumber, left), step.EarliestOn ?? todayNumber);
                        if (step.StartedOn is null && step.Minimum is { } pending)
                        {
                            finish[i] = Math.Max(finish[i], Earliest(earliest, line, i, todayNumber, pending));
                        }

                        break;
                    default:
                        var r = todayNumber;
                        foreach (var j in step.Required)
                        {
                            r = Math.Max(r, finish[j]);
                        }

                        foreach (var j in step.StartAfter)
                        {
                            r = Math.Max(r, start[j]);
                        }

                        ready[i] = start[i] = r;
                        if (step.Mode == StepMode.WillSkip)
                        {
                            finish[i] = r;
                            break;
                        }

                        finish[i] = line.AddWorkingDays(r, step.Durations!.Draw(ref random));
                        if (step.Minimum is { } minimum)
                        {
                            finish[i] = Math.Max(finish[i], Earliest(earliest, line, i, r, minimum));
                        }

                        break;
                }
            }

            var end = 0;
            foreach (var i in plan.Ends)
            {
                end = Math.Max(end, finish[i]);
            }

            procedureEnds[run] = end;
            var stageEnd = int.MaxValue;
            foreach (var i in plan.StageEndsBefore)
            {
                stageEnd = Math.Min(stageEnd, ready[i]);
            }

            stageEnds[run] = stageEnd == int.MaxValue ? end : stageEnd;
        }

        var procedure = Percentiles(procedureEnds);
        return new ProcedureForecast(
            today,
            runs,
            [.. plan.StageSteps.Select(i => steps[i].Definition.Key)],
            [.. plan.StageEndsBefore.Select(i => steps[i].Definition.Key)],
            Percentiles(stageEnds),
            procedure,
            project.TargetDate,
            project.TargetDate is { } target && procedure.Percentile90 > target,
            [.. plan.Order.Select(i => steps[i]).Where(s => s.Pool is not null).Select(s => s.Pool!)]);
    }

    /// <summary>Nearest-rank median and 90th percentile.</summary>
    private static ForecastDates Percentiles(int[] dayNumbers)
    {
        Array.Sort(dayNumbers);
        int Rank(double p) => dayNumbers[Math.Max(0, (int)Math.Ceiling(p * dayNumbers.Length) - 1)];
        return new ForecastDates(DateOnly.FromDayNumber(Rank(0.5)), DateOnly.FromDayNumber(Rank(0.9)));
    }

    /// <summary>The first working day a step started on <paramref name="startDay"/> may complete, as the step clock sets
    /// its earliest completion (the day after the period's last day, periods in days ending as the Civil Code says).</summary>
    private int Earliest(Dictionary<long, int> memo, WorkingDayLine line, int step, int startDay, MinimumDuration minimum)
    {
        var key = ((long)step << 32) | (uint)startDay;
        if (!memo.TryGetValue(key, out var day))
        {
            var at = clock.DueAt(WorkingCalendar.StartOfDay(DateOnly.FromDayNumber(startDay)), minimum.AsLimit());
            day = line.OnOrAfterWorkingDay(WorkingCalendar.LocalDate(at).DayNumber);
            memo[key] = day;
        }

        return day;
    }
}
