using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class LightTests
{
    [Fact]
    public void RefreshLights_EightyPercentUsed_TurnsYellowThenRedPastDue()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.Do("approval", StepActions.Start); // 20 working days
        scenario.Project.MarkCommitted();

        // At the start of the 17th working day, 16 of 20 (80%) are used.
        scenario.AdvanceWorkingDays(16);
        Assert.False(scenario.Project.RefreshLights(scenario.Now));
        Assert.Equal(Light.Green, scenario.Step("approval").Light);

        scenario.AdvanceWorkingDays(1);
        Assert.True(scenario.Project.RefreshLights(scenario.Now));
        Assert.Equal(Light.Yellow, scenario.Step("approval").Light);
        Assert.Equal(Light.Yellow, scenario.Project.ProjectLight);

        scenario.AdvanceTo(scenario.Step("approval").DueAt!.Value);
        Assert.True(scenario.Project.RefreshLights(scenario.Now));
        Assert.Equal(Light.Red, scenario.Project.ProjectLight);
        var changes = scenario.Project.Uncommitted.Where(e => e.Kind == EventKinds.Light).ToList();
        Assert.Equal(["yellow", "red"], changes.Select(e => e.Facts!["to"]!.GetValue<string>()));
        Assert.All(changes, e => Assert.Equal("system", e.Actor));
    }

    [Fact]
    public void NextDeadline_GreenStep_IsTheStartOfItsYellowDayThenItsDueTime()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.Do("approval", StepActions.Start);
        var calendar = ProjectScenario.Environment.Calendar;
        var startDay = WorkingCalendar.LocalDate(scenario.Now);

        var yellowAt = scenario.Project.NextDeadline(scenario.Now);

        Assert.Equal(WorkingCalendar.StartOfDay(calendar.AddWorkingDays(startDay, 17)), yellowAt);
        scenario.AdvanceTo(yellowAt!.Value);
        scenario.Project.RefreshLights(scenario.Now);
        Assert.Equal(scenario.Step("approval").DueAt, scenario.Project.NextDeadline(scenario.Now));
    }

    [Fact]
    public void LightAt_FewWorkingDaysLeft_IsYellowBeforeEightyPercent()
    {
        var clock = ProjectScenario.Environment.Clock;
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
        var step = new StepState { Key = "x", Status = StepStatus.InProgress, ClockStartedAt = start, DueAt = clock.DueAt(start, new TimeLimit(5, TimeUnit.WorkingDays)) };

        // 5 working days from Monday 2 March: Tue..Mon 9 March. Thursday 5 March leaves Thu, Fri, Mon = 3.
        Assert.Equal(Light.Green, clock.LightAt(step, new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.FromHours(8))));
        Assert.Equal(Light.Yellow, clock.LightAt(step, new DateTimeOffset(2026, 3, 6, 9, 0, 0, TimeSpan.FromHours(8))));
        Assert.Equal(Light.Red, clock.LightAt(step, new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.FromHours(8))));
    }

    [Fact]
    public void LightAt_SuspendedStep_HasNoNextChange()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.Do("approval", StepActions.Start);
        scenario.Do("approval", StepActions.Suspend, reason: "补正");

        Assert.Null(scenario.Project.NextDeadline(scenario.Now));
    }

    [Fact]
    public void DueAt_CalendarDaysAndMonths_EndAtTheEndOfTheLastDay()
    {
        var clock = ProjectScenario.Environment.Clock;
        var start = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(new DateTimeOffset(2026, 4, 2, 0, 0, 0, TimeSpan.FromHours(8)), clock.DueAt(start, new TimeLimit(30, TimeUnit.CalendarDays)));
        Assert.Equal(new DateTimeOffset(2026, 6, 3, 0, 0, 0, TimeSpan.FromHours(8)), clock.DueAt(start, new TimeLimit(3, TimeUnit.Months)));
    }
}
