using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class ProjectProblemsTests
{
    private const string Grave = "安置区坟墓迁移未落实";

    private static readonly Actor Liaison = new("liaison-wang", Roles.Liaison);
    private static readonly Actor OtherLiaison = new("liaison-li", Roles.Liaison);
    private static readonly Actor Leader = new("leader-zhao", Roles.Leader);

    private static ProjectScenario WithLiaison()
    {
        var scenario = new ProjectScenario();
        Assert.Null(scenario.Project.AssignLiaison(Liaison.Id, ProjectScenario.Admin, scenario.Now, _ => true));
        scenario.Project.MarkCommitted();
        return scenario;
    }

    private static ProjectScenario WithAssignedProblem(out string department)
    {
        var scenario = WithLiaison();
        department = scenario.Step("approval").Department;
        Assert.Null(scenario.Project.RecordProblem(Grave, "3 graves on the plot", "survey", Liaison, scenario.Now));
        Assert.Null(scenario.Project.AssignProblem(1, department, "请协调", Liaison, scenario.Now));
        scenario.Project.MarkCommitted();
        return scenario;
    }

    [Fact]
    public void RecordProblem_Liaison_RecordsNumberedProblemInTheHistory()
    {
        var scenario = WithLiaison();

        Assert.Null(scenario.Project.RecordProblem($"  {Grave} ", "3 graves on the plot", "survey", Liaison, scenario.Now));

        var problem = Assert.Single(scenario.Project.Problems);
        Assert.Equal((1, Grave, "survey", true), (problem.Id, problem.Title, problem.Step, problem.IsOpen));
        var recorded = Assert.Single(scenario.Project.Uncommitted);
        Assert.Equal((EventKinds.ProblemRecorded, "survey", "3 graves on the plot", Liaison.Id), (recorded.Kind, recorded.Step, recorded.Reason, recorded.Actor));
        Assert.Equal(1, recorded.Facts!["problem"]!.GetValue<int>());
        Assert.Equal(scenario.State.County, recorded.Facts!["county"]!.GetValue<string>());
        Assert.Equal(Grave, recorded.Facts!["title"]!.GetValue<string>());
    }

    [Fact]
    public void RecordProblem_LeaderTwice_NumbersInOrder()
    {
        var scenario = WithLiaison();

        Assert.Null(scenario.Project.RecordProblem("a", null, null, Leader, scenario.Now));
        Assert.Null(scenario.Project.RecordProblem("b", null, null, Leader, scenario.Now));

        Assert.Equal([1, 2], scenario.Project.Problems.Select(p => p.Id));
    }

    [Fact]
    public void RecordProblem_OfficerEnterpriseOrAdmin_IsRoleForbiddenAndChangesNothing()
    {
        var scenario = WithLiaison();
        var before = scenario.Snapshot();

        Assert.Equal(Rules.RoleForbidden, scenario.Project.RecordProblem(Grave, null, null, ProjectScenario.Officer(scenario.Step("approval").Department), scenario.Now)?.Rule);
        Assert.Equal(Rules.RoleForbidden, scenario.Project.RecordProblem(Grave, null, null, ProjectScenario.Owner, scenario.Now)?.Rule);
        Assert.Equal(Rules.RoleForbidden, scenario.Project.RecordProblem(Grave, null, null, ProjectScenario.Admin, scenario.Now)?.Rule);
        Assert.Equal(Rules.NotFound, scenario.Project.RecordProblem(Grave, null, null, OtherLiaison, scenario.Now)?.Rule);
        Assert.Empty(scenario.Project.Uncommitted);
        Assert.Equal(before, scenario.Snapshot());
    }

    [Fact]
    public void RecordProblem_BadTitleOrStep_IsRefusedByRule()
    {
        var scenario = WithLiaison();

        Assert.Equal(Rules.InvalidProblem, scenario.Project.RecordProblem(" ", null, null, Liaison, scenario.Now)?.Rule);
        Assert.Equal(Rules.InvalidProblem, scenario.Project.RecordProblem(new string('x', Project.MaxProblemTitleLength + 1), null, null, Liaison, scenario.Now)?.Rule);
        Assert.Equal(Rules.UnknownStep, scenario.Project.RecordProblem(Grave, null, "no-such-step", Liaison, scenario.Now)?.Rule);
        Assert.Empty(scenario.Project.Problems);
    }

    [Fact]
    public void RecordProblem_ClosedProject_IsProjectClosed()
    {
        var scenario = WithLiaison();
        Assert.Null(scenario.Project.Withdraw(ProjectScenario.Owner, "no longer needed", scenario.Now));

        Assert.Equal(Rules.ProjectClosed, scenario.Project.RecordProblem(Grave, null, null, Liaison, scenario.Now)?.Rule);
    }

    [Fact]
    public void AssignProblem_KnownDepartment_RecordsAssignmentWithPrevious()
    {
        var scenario = WithAssignedProblem(out var department);
        var other = ProjectScenario.Environment.Templates.Departments.First(d => d != department);

        Assert.Null(scenario.Project.AssignProblem(1, other, null, Leader, scenario.Now));

        Assert.Equal(other, scenario.Project.Problems[0].Department);
        var assigned = Assert.Single(scenario.Project.Uncommitted);
        Assert.Equal(EventKinds.ProblemAssigned, assigned.Kind);
        Assert.Equal(other, assigned.Facts!["department"]!.GetValue<string>());
        Assert.Equal(department, assigned.Facts!["previous"]!.GetValue<string>());
    }

    [Fact]
    public void AssignProblem_UnknownDepartmentSameDepartmentOrProblem_IsRefusedByRule()
    {
        var scenario = WithAssignedProblem(out var department);

        Assert.Equal(Rules.ProblemDepartmentUnknown, scenario.Project.AssignProblem(1, "no-such-department", null, Liaison, scenario.Now)?.Rule);
        Assert.Equal(Rules.InvalidProblem, scenario.Project.AssignProblem(1, department, null, Liaison, scenario.Now)?.Rule);
        Assert.Equal(Rules.UnknownProblem, scenario.Project.AssignProblem(2, department, null, Liaison, scenario.Now)?.Rule);
        Assert.Equal(Rules.RoleForbidden, scenario.Project.AssignProblem(1, department, null, ProjectScenario.Officer(department), scenario.Now)?.Rule);
        Assert.Empty(scenario.Project.Uncommitted);
    }

    [Fact]
    public void FollowProblem_AssignedOfficer_AddsANote()
    {
        var scenario = WithAssignedProblem(out var department);

        Assert.Null(scenario.Project.FollowProblem(1, "已约谈家属", ProjectScenario.Officer(department), scenario.Now));

        Assert.Equal(1, scenario.Project.Problems[0].Notes);
        var followed = Assert.Single(scenario.Project.Uncommitted);
        Assert.Equal((EventKinds.ProblemFollowed, "已约谈家属"), (followed.Kind, followed.Reason));
    }

    [Fact]
    public void FollowProblem_WithoutNoteOrByAnotherDepartment_IsRefused()
    {
        var scenario = WithAssignedProblem(out var department);
        var other = ProjectScenario.Environment.Templates.Departments.First(d => d != department);

        Assert.Equal(Rules.ReasonRequired, scenario.Project.FollowProblem(1, " ", Liaison, scenario.Now)?.Rule);
        Assert.Equal(Rules.RoleForbidden, scenario.Project.FollowProblem(1, "x", ProjectScenario.Officer(other), scenario.Now)?.Rule);
        Assert.Empty(scenario.Project.Uncommitted);
    }

    [Fact]
    public void ResolveProblem_AssignedOfficer_ResolvesAndNamesTheLiaison()
    {
        var scenario = WithAssignedProblem(out var department);
        var officer = ProjectScenario.Officer(department);

        Assert.Null(scenario.Project.ResolveProblem(1, "坟墓已迁移", officer, scenario.Now));

        var problem = scenario.Project.Problems[0];
        Assert.False(problem.IsOpen);
        Assert.Equal((officer.Id, "坟墓已迁移"), (problem.ResolvedBy, problem.Resolution));
        var resolved = Assert.Single(scenario.Project.Uncommitted);
        Assert.Equal(EventKinds.ProblemResolved, resolved.Kind);
        Assert.Equal(Liaison.Id, resolved.Facts!["liaison"]!.GetValue<string>());
    }

    [Fact]
    public void ResolveProblem_Liaison_ResolvesEvenUnassigned()
    {
        var scenario = WithLiaison();
        Assert.Null(scenario.Project.RecordProblem(Grave, null, null, Liaison, scenario.Now));

        Assert.Null(scenario.Project.ResolveProblem(1, "家属同意迁移", Liaison, scenario.Now));

        Assert.False(scenario.Project.Problems[0].IsOpen);
    }

    [Fact]
    public void ResolveProblem_LeaderWithoutNoteOrTwice_IsRefusedByRule()
    {
        var scenario = WithAssignedProblem(out _);

        Assert.Equal(Rules.RoleForbidden, scenario.Project.ResolveProblem(1, "x", Leader, scenario.Now)?.Rule);
        Assert.Equal(Rules.ReasonRequired, scenario.Project.ResolveProblem(1, "", Liaison, scenario.Now)?.Rule);
        Assert.Null(scenario.Project.ResolveProblem(1, "done", Liaison, scenario.Now));
        Assert.Equal(Rules.ProblemResolved, scenario.Project.ResolveProblem(1, "again", Liaison, scenario.Now)?.Rule);
        Assert.Equal(Rules.ProblemResolved, scenario.Project.FollowProblem(1, "later", Liaison, scenario.Now)?.Rule);
        Assert.Single(scenario.Project.Uncommitted);
    }
}
