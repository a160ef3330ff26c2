using Workflow.Domain;
using static Workflow.Domain.Tests.ForecastGraph;

namespace Workflow.Domain.Tests;

public sealed class ProcedureForecasterTests
{
    private static readonly DateOnly Today = WorkingCalendar.LocalDate(Monday);

    [Fact]
    public void Forecast_ParallelBranches_JoinAtTheLaterBranch()
    {
        var template = Template(Step("a"), Step("b", ["a"]), Step("c", ["a"]), Step("d", ["b", "c"], StepKind.Final));
        var samples = Always(("a", 2), ("b", 5), ("c", 20), ("d", 1));

        var forecast = Forecaster.Forecast(Project(template, Monday), template, samples, Monday, ForecastSettings.Default)!;

        // d waits for c (2 + 20), not b (2 + 5).
        Assert.Equal(AddWorkingDays(Today, 23), forecast.Procedure.Median);
        Assert.Equal(AddWorkingDays(Today, 23), forecast.Procedure.Percentile90);
    }

    [Fact]
    public void Forecast_OpenStep_StageEndsWhenTheStepsAfterItMayBegin()
    {
        var template = Template(Step("a"), Step("b", ["a"]), Step("c", ["a"]), Step("d", ["b", "c"], StepKind.Final));
        var samples = Always(("a", 2), ("b", 5), ("c", 20), ("d", 1));

        var forecast = Forecaster.Forecast(Project(template, Monday), template, samples, Monday, ForecastSettings.Default)!;

        Assert.Equal(["a"], forecast.StageSteps);
        Assert.Equal(["b", "c"], forecast.StageEndsBefore.Order());
        Assert.Equal(AddWorkingDays(Today, 2), forecast.Stage.Median);
    }

    [Fact]
    public void Forecast_MinimumPeriodInWorkingDays_HoldsAShortStepToItsEnd()
    {
        var announcement = new MinimumDuration(10, TimeUnit.WorkingDays, "announcement-period");
        var template = Template(Step("a"), Step("b", ["a"], StepKind.Final, announcement));
        var samples = Always(("a", 2), ("b", 3));

        var forecast = Forecaster.Forecast(Project(template, Monday), template, samples, Monday, ForecastSettings.Default)!;

        // b is ready Wed 4 March; its 10th working day is Wed 18 March, so it may complete from Thu 19 March, not 9 March.
        Assert.Equal(Day(2026, 3, 19), forecast.Procedure.Median);
    }

    [Fact]
    public void Forecast_MinimumPeriodInDays_EndsAsTheCivilCodeCounts()
    {
        var announcement = new MinimumDuration(30, TimeUnit.CalendarDays, "announcement-period");
        var template = Template(Step("a"), Step("b", ["a"], StepKind.Final, announcement));
        var samples = Always(("a", 3), ("b", 3));

        var forecast = Forecaster.Forecast(Project(template, Monday), template, samples, Monday, ForecastSettings.Default)!;

        // Ready Thu 5 March: day 30 is Sat 4 April, in Qingming (4-6 April), so the period ends Tue 7 April (民法典 第二百零三条)
        // and the step completes on Wed 8 April.
        Assert.Equal(Day(2026, 4, 8), forecast.Procedure.Median);
    }

    [Fact]
    public void Forecast_StepAfterAnotherStarts_WaitsForTheStartNotTheEnd()
    {
        var template = Template(Step("a"), Step("b", ["a"]), Step("c", ["a"], dependsOnStart: ["b"]), Step("d", ["b", "c"], StepKind.Final));
        var samples = Always(("a", 1), ("b", 10), ("c", 4), ("d", 1));

        var forecast = Forecaster.Forecast(Project(template, Monday), template, samples, Monday, ForecastSettings.Default)!;

        // c runs beside b (from day 1 to 5), so d follows b at day 11, and ends at 12 (not 1 + 10 + 4 + 1).
        Assert.Equal(AddWorkingDays(Today, 12), forecast.Procedure.Median);
    }

    [Fact]
    public void Forecast_OpenStep_ContinuesFromItsElapsedWorkingDays()
    {
        var template = Template(Step("a", kind: StepKind.Final));
        var samples = new DwellSamples([KeyValuePair.Create(new DwellKey(Procedure, "a", ForecastGraph.County), new DwellHistogram(new Dictionary<int, int> { [5] = 50, [10] = 50 }))]);
        var readyAt = new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.FromHours(8));
        var now = new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.FromHours(8));

        var forecast = Forecaster.Forecast(Project(template, readyAt), template, samples, now, ForecastSettings.Default)!;

        // Open for 7 working days: only the 10-day visits are still possible, so it ends 3 working days from now, every run.
        Assert.Equal(Day(2026, 3, 19), forecast.Procedure.Median);
        Assert.Equal(Day(2026, 3, 19), forecast.Procedure.Percentile90);
    }

    [Fact]
    public void Forecast_ThinCountyPool_FallsBackToAllCountiesThenToThePrior()
    {
        var template = Template(Step("a"), Step("b", ["a"]), Step("c", ["b"], StepKind.Final, limit: 30));
        var histogram = (int days, int count) => new DwellHistogram(new Dictionary<int, int> { [days] = count });
        var samples = new DwellSamples(
        [
            KeyValuePair.Create(new DwellKey(Procedure, "a", ForecastGraph.County), histogram(4, 30)),
            KeyValuePair.Create(new DwellKey(Procedure, "b", ForecastGraph.County), histogram(4, 29)),
            KeyValuePair.Create(new DwellKey(Procedure, "b", "330521"), histogram(6, 10)),
        ]);

        var forecast = Forecaster.Forecast(Project(template, Monday), template, samples, Monday, ForecastSettings.Default)!;

        Assert.Equal(
            [new StepPoolChoice("a", ForecastPool.County, 30), new StepPoolChoice("b", ForecastPool.AllCounties, 39), new StepPoolChoice("c", ForecastPool.Prior, 0)],
            forecast.Pools);
        // The prior of a 30-working-day limit is 15 to 30 working days.
        var c = ForecastGraph.Environment.Calendar.CountWorkingDays(Today, forecast.Procedure.Median);
        Assert.InRange(c, 4 + 4 + 15, 4 + 6 + 30);
    }

    [Fact]
    public void Forecast_SameState_GivesTheSameForecast()
    {
        var template = Template(Step("a"), Step("b", ["a"], StepKind.Final));
        var samples = new DwellSamples(
        [
            KeyValuePair.Create(new DwellKey(Procedure, "a", ForecastGraph.County), DwellHistogram.Of(Enumerable.Range(1, 40))),
            KeyValuePair.Create(new DwellKey(Procedure, "b", ForecastGraph.County), DwellHistogram.Of(Enumerable.Range(3, 60))),
        ]);

        var first = Forecaster.Forecast(Project(template, Monday), template, samples, Monday, ForecastSettings.Default)!;
        var second = Forecaster.Forecast(Project(template, Monday), template, samples, Monday, ForecastSettings.Default)!;

        Assert.Equal(first.Procedure, second.Procedure);
        Assert.Equal(first.Stage, second.Stage);
        Assert.True(first.Procedure.Percentile90 > first.Procedure.Median);
    }

    [Fact]
    public void Forecast_ClosedProject_IsNull()
    {
        var template = Template(Step("a", kind: StepKind.Final));
        var project = Project(template, Monday);
        project.Status = ProjectStatus.Withdrawn;

        Assert.Null(Forecaster.Forecast(project, template, DwellSamples.Empty, Monday, ForecastSettings.Default));
    }

    [Fact]
    public void Prior_TimeLimitInDays_CountsFiveWorkingDaysAWeek() =>
        Assert.Equal(43, DurationDistribution.LimitInWorkingDays(new TimeLimit(60, TimeUnit.CalendarDays)));
}
