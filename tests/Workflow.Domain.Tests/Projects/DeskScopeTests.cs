using Workflow.Domain;

namespace Workflow.Domain.Tests;

/// <summary>The worklist's desk is the rule project acts apply: a step is on an officer's desk exactly when acting on it
/// is not refused as hidden (404) or forbidden (403).</summary>
public sealed class DeskScopeTests
{
    [Theory]
    [InlineData(Roles.Officer, "development-reform", null)]
    [InlineData(Roles.Officer, "development-reform", "330502")]
    [InlineData(Roles.Officer, "development-reform", "330522")]
    [InlineData(Roles.Officer, "natural-resources", null)]
    [InlineData(Roles.Officer, "natural-resources", "330502")]
    [InlineData(Roles.Officer, null, null)]
    [InlineData(Roles.Leader, null, null)]
    [InlineData(Roles.Admin, "development-reform", null)]
    [InlineData(Roles.Liaison, null, "330502")]
    [InlineData(Roles.Enterprise, null, null)]
    public void Admits_ApprovalOfAWuxingProject_SameAsWhoMayActOnIt(string role, string? department, string? county)
    {
        var scenario = new ProjectScenario();
        var actor = new Actor("someone", role, role == Roles.Enterprise ? ProjectScenario.OwnerUscc : null, department, county);
        var step = scenario.Step("approval");

        var listed = DeskScope.Of(actor)?.Admits(step.Department, scenario.State.County) == true;
        var refusal = scenario.Project.Act("approval", StepActions.Start, actor, null, null, scenario.Now);
        var mayAct = refusal is null || refusal.Kind is not (RefusalKind.NotFound or RefusalKind.Forbidden);

        Assert.Equal(mayAct, listed);
    }

    [Fact]
    public void Of_CountyOfficer_IsTheirDepartmentInTheirCounty()
    {
        var desk = DeskScope.Of(new Actor("off-nr-changxing", Roles.Officer, Department: "natural-resources", County: "330522"));

        Assert.Equal(new DeskScope("natural-resources", "330522"), desk);
        Assert.True(desk!.Admits("natural-resources", "330522"));
        Assert.False(desk.Admits("natural-resources", "330502"));
        Assert.False(desk.Admits("county-government", "330522"));
    }
}
