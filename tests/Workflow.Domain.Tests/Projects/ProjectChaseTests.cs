using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class ProjectChaseTests
{
    private static readonly Actor Liaison = new("liaison-wang", Roles.Liaison);
    private static readonly Actor OtherLiaison = new("liaison-li", Roles.Liaison);
    private static readonly Actor Leader = new("leader-zhao", Roles.Leader);

    private static ProjectScenario WithLiaison()
    {
        var scenario = new ProjectScenario();
        Assert.Null(scenario.Project.AssignLiaison(Liaison.Id, ProjectScenario.Admin, scenario.Now, _ => true));
        scenario.SubmitAllDocuments();
        scenario.Project.MarkCommitted();
        return scenario;
    }

    [Fact]
    public void Chase_LiaisonOnOpenStep_RecordsChaseEventForTheDepartment()
    {
        var scenario = WithLiaison();

        Assert.Null(scenario.Project.Chase("approval", Liaison, "Please accept this week.", scenario.Now));

        var chase = Assert.Single(scenario.Project.Uncommitted);
        Assert.Equal(EventKinds.Chase, chase.Kind);
        Assert.Equal("approval", chase.Step);
        Assert.Equal(Liaison.Id, chase.Actor);
        Assert.Equal("Please accept this week.", chase.Reason);
        Assert.Equal(Roles.Liaison, chase.Facts!["by"]!.GetValue<string>());
        Assert.Equal(scenario.Step("approval").Department, chase.Facts!["department"]!.GetValue<string>());
        Assert.Equal(scenario.Now, scenario.Step("approval").LastChasedAt);
    }

    [Fact]
    public void Chase_Leader_IsAllowed()
    {
        var scenario = WithLiaison();

        Assert.Null(scenario.Project.Chase("approval", Leader, "催办", scenario.Now));
        Assert.Equal(Leader.Id, Assert.Single(scenario.Project.Uncommitted).Actor);
    }

    [Fact]
    public void Chase_OfficerOrAdmin_IsRoleForbiddenAndChangesNothing()
    {
        var scenario = WithLiaison();
        var before = scenario.Snapshot();

        Assert.Equal(Rules.RoleForbidden, scenario.Project.Chase("approval", ProjectScenario.Officer("development-reform"), "x", scenario.Now)?.Rule);
        Assert.Equal(Rules.RoleForbidden, scenario.Project.Chase("approval", ProjectScenario.Admin, "x", scenario.Now)?.Rule);
        Assert.Equal(Rules.RoleForbidden, scenario.Project.Chase("approval", ProjectScenario.Owner, "x", scenario.Now)?.Rule);
        Assert.Empty(scenario.Project.Uncommitted);
        Assert.Equal(before, scenario.Snapshot());
    }

    [Fact]
    public void Chase_AnotherProjectsLiaison_SeesNoProject()
    {
        var scenario = WithLiaison();

        Assert.Equal(Rules.NotFound, scenario.Project.Chase("approval", OtherLiaison, "x", scenario.Now)?.Rule);
    }

    [Fact]
    public void Chase_WithoutReason_IsReasonRequired()
    {
        var scenario = WithLiaison();

        Assert.Equal(Rules.ReasonRequired, scenario.Project.Chase("approval", Liaison, "  ", scenario.Now)?.Rule);
        Assert.Empty(scenario.Project.Uncommitted);
    }

    [Fact]
    public void Chase_WaitingDoneOrUnknownStep_IsRefusedByRule()
    {
        var scenario = WithLiaison();
        scenario.Finish("approval");
        scenario.Project.MarkCommitted();

        Assert.Equal(Rules.StepState, scenario.Project.Chase("approval", Liaison, "x", scenario.Now)?.Rule);
        // A waiting step answers as an act on it would: the gate it waits behind.
        Assert.Equal(RefusalKind.Conflict, scenario.Project.Chase("filing", Liaison, "x", scenario.Now)?.Kind);
        Assert.Equal(Rules.NotFound, scenario.Project.Chase("no_such_step", Liaison, "x", scenario.Now)?.Rule);
        Assert.Empty(scenario.Project.Uncommitted);
    }

    [Fact]
    public void Chase_TwiceOnOneWorkingDay_IsTooSoonThenAllowedNextWorkingDay()
    {
        var scenario = WithLiaison();
        Assert.Null(scenario.Project.Chase("approval", Liaison, "first", scenario.Now));

        scenario.Advance(TimeSpan.FromHours(6));
        Assert.Equal(Rules.ChaseTooSoon, scenario.Project.Chase("approval", Leader, "again", scenario.Now)?.Rule);

        scenario.AdvanceWorkingDays(1);
        Assert.Null(scenario.Project.Chase("approval", Leader, "again", scenario.Now));
        Assert.Equal(2, scenario.Project.Uncommitted.Count(e => e.Kind == EventKinds.Chase));
    }

    [Fact]
    public void Chase_OnRestDays_CountsOnTheNextWorkingDay()
    {
        var scenario = WithLiaison();

        // Saturday 7 March 2026 and Monday 9 March are one chase day: the department could not act in between.
        scenario.AdvanceTo(new DateTimeOffset(2026, 3, 7, 10, 0, 0, TimeSpan.FromHours(8)));
        Assert.Null(scenario.Project.Chase("approval", Liaison, "weekend", scenario.Now));
        scenario.AdvanceTo(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(Rules.ChaseTooSoon, scenario.Project.Chase("approval", Liaison, "monday", scenario.Now)?.Rule);
        scenario.AdvanceTo(new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8)));
        Assert.Null(scenario.Project.Chase("approval", Liaison, "tuesday", scenario.Now));
    }

    [Fact]
    public void Chase_ClosedProject_IsProjectClosed()
    {
        var scenario = WithLiaison();
        Assert.Null(scenario.Project.Withdraw(ProjectScenario.Owner, "no longer needed", scenario.Now));

        Assert.Equal(Rules.ProjectClosed, scenario.Project.Chase("approval", Leader, "x", scenario.Now)?.Rule);
    }
}
