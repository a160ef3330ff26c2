using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class ProjectImportsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Registered = new(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(Roles.Officer)]
    [InlineData(Roles.Enterprise)]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.Liaison)]
    public void Check_NeitherAdministratorNorPlatform_RefusedImportForbidden(string role)
    {
        var refusal = ProjectImports.Check(new Actor("someone", role, Department: "natural-resources"), Registered, null, [Registered.AddDays(1)], Now);

        Assert.Equal(Rules.ImportForbidden, refusal?.Rule);
        Assert.Equal(RefusalKind.Forbidden, refusal?.Kind);
    }

    [Fact]
    public void Check_AdministratorOrPlatformWithActsInOrder_Accepted()
    {
        DateTimeOffset[] acts = [Registered, Registered.AddDays(1), Registered.AddDays(1), Now];

        Assert.Null(ProjectImports.Check(ProjectScenario.Admin, Registered, null, acts, Now));
        Assert.Null(ProjectImports.Check(Actor.System, null, Registered, acts, Now));
    }

    [Fact]
    public void Check_ActAfterNow_RefusedImportInFuture()
    {
        var refusal = ProjectImports.Check(ProjectScenario.Admin, Registered, null, [Registered.AddDays(1), Now.AddMinutes(1)], Now);

        Assert.Equal(Rules.ImportInFuture, refusal?.Rule);
        Assert.Contains("Act 1", refusal!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RegistrationAfterNow_RefusedImportInFuture() =>
        Assert.Equal(Rules.ImportInFuture, ProjectImports.Check(ProjectScenario.Admin, Now.AddDays(1), null, [], Now)?.Rule);

    [Fact]
    public void Check_ActBeforeTheOneItFollows_RefusedImportOutOfOrder() =>
        Assert.Equal(Rules.ImportOutOfOrder, ProjectImports.Check(ProjectScenario.Admin, Registered, null, [Registered.AddDays(2), Registered.AddDays(1)], Now)?.Rule);

    [Fact]
    public void Check_ActBeforeRegistration_RefusedImportOutOfOrder() =>
        Assert.Equal(Rules.ImportOutOfOrder, ProjectImports.Check(ProjectScenario.Admin, Registered, null, [Registered.AddMinutes(-1)], Now)?.Rule);

    [Fact]
    public void Check_ActBeforeWhatTheRecordHolds_RefusedImportOutOfOrder() =>
        Assert.Equal(Rules.ImportOutOfOrder, ProjectImports.Check(Actor.System, null, Registered.AddDays(3), [Registered.AddDays(2)], Now)?.Rule);

    [Fact]
    public void Check_MoreActsThanOneImportHolds_RefusedImportTooLarge() =>
        Assert.Equal(Rules.ImportTooLarge, ProjectImports.Check(Actor.System, Registered, null, [.. Enumerable.Repeat(Registered, ProjectImports.MaxActs + 1)], Now)?.Rule);

    [Fact]
    public void Apply_RecordedActs_HappenAtTheirOwnInstants()
    {
        var scenario = new ProjectScenario(start: Registered);
        var officer = ProjectScenario.Officer("development-reform");

        Assert.Null(ProjectImports.Apply(scenario.Project, new RecordedAct(Registered.AddHours(1), ProjectScenario.Owner, ProjectImports.SubmitDocument, Document: "project-proposal")));
        Assert.Null(ProjectImports.Apply(scenario.Project, new RecordedAct(Registered.AddHours(2), officer, StepActions.Start, "approval")));

        Assert.Equal([Registered.AddHours(1), Registered.AddHours(2)], scenario.Project.Uncommitted.Select(e => e.At));
        Assert.Equal(Registered.AddHours(2), scenario.Step("approval").StartedAt);
    }

    [Fact]
    public void Apply_ActTheRulesRefuse_RefusedAsOverHttp()
    {
        var scenario = new ProjectScenario(start: Registered);

        var refusal = ProjectImports.Apply(scenario.Project, new RecordedAct(Registered.AddHours(1), ProjectScenario.Officer("natural-resources"), StepActions.Start, "approval"));

        Assert.Equal(Rules.WrongDepartment, refusal?.Rule);
        Assert.Empty(scenario.Project.Uncommitted);
    }

    [Fact]
    public void CatchUpLights_StepLeftOpenForMonths_RecordsEachChangeAtTheInstantItFellDue()
    {
        var scenario = new ProjectScenario(start: Registered);
        Assert.Null(ProjectImports.Apply(scenario.Project, new RecordedAct(Registered, ProjectScenario.Owner, ProjectImports.SubmitDocument, Document: "project-proposal")));
        Assert.Null(ProjectImports.Apply(scenario.Project, new RecordedAct(Registered, ProjectScenario.Officer("development-reform"), StepActions.Start, "approval")));

        ProjectImports.CatchUpLights(scenario.Project, Registered, Now);

        var lights = scenario.Project.Uncommitted.Where(e => e.Kind == EventKinds.Light && e.Step == "approval").ToList();
        Assert.Equal(["yellow", "red"], lights.Select(e => e.Facts!["to"]!.GetValue<string>()));
        Assert.All(lights, e => Assert.InRange(e.At, Registered.AddDays(1), Now.AddDays(-1)));
        Assert.Equal(Light.Red, scenario.Step("approval").Light);
    }
}
