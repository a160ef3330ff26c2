using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains.Tests;

/// <summary>The land problems' role rules asked of the project grain directly (no HTTP), through its problems interface:
/// the same named refusal the gateway answers with, nothing changed; and the acts land in the one project's history.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ProblemRoleRuleTests(SharedClusterFixture fixture)
{
    private static readonly ActorInfo Liaison = new("liaison-chen", Roles.Liaison);

    private async Task<(ProjectDriver Project, IProjectProblemsGrain Problems)> WithLiaisonAsync()
    {
        var project = await ProjectDriver.RegisterAsync(fixture.Cluster);
        Assert.Null((await project.Grain.AssignLiaisonAsync(Liaison.Id, ProjectDriver.Leader)).Refusal);
        return (project, fixture.Cluster.Client.GetGrain<IProjectProblemsGrain>(project.Code));
    }

    [Fact]
    public async Task RecordProblem_ByOfficerOrEnterprise_IsRoleForbiddenAndChangesNothing()
    {
        var (project, problems) = await WithLiaisonAsync();
        var before = await ProjectRoleRuleTests.SnapshotAsync(project);

        ProjectRoleRuleTests.AssertRefused((await problems.RecordProblemAsync(new RecordProblemCommand("x", null, null), ProjectDriver.Officer("natural-resources"))).Refusal,
            RefusalKind.Forbidden, Rules.RoleForbidden);
        ProjectRoleRuleTests.AssertRefused((await problems.RecordProblemAsync(new RecordProblemCommand("x", null, null), ProjectDriver.Owner)).Refusal,
            RefusalKind.Forbidden, Rules.RoleForbidden);

        Assert.Equal(before, await ProjectRoleRuleTests.SnapshotAsync(project));
    }

    [Fact]
    public async Task ResolveProblem_ByTheAssignedOfficer_IsInTheProjectsHistory()
    {
        var (project, problems) = await WithLiaisonAsync();
        var recorded = await problems.RecordProblemAsync(new RecordProblemCommand("边界争议", "村界不清", null), Liaison);
        Assert.Equal(1, recorded.Problem?.Id);
        Assert.Null((await problems.AssignProblemAsync(1, "natural-resources", null, Liaison)).Refusal);

        ProjectRoleRuleTests.AssertRefused((await problems.ResolveProblemAsync(1, "x", ProjectDriver.Officer("finance"))).Refusal, RefusalKind.Forbidden, Rules.RoleForbidden);
        var resolved = await problems.ResolveProblemAsync(1, "已勘界", ProjectDriver.Officer("natural-resources"));

        Assert.Equal("resolved", resolved.Problem?.State);
        var kinds = (await project.Grain.GetHistoryAsync(ProjectDriver.Admin)).Items!.Select(e => e.Kind).Where(k => k.StartsWith("problem-", StringComparison.Ordinal));
        Assert.Equal([EventKinds.ProblemRecorded, EventKinds.ProblemAssigned, EventKinds.ProblemResolved], kinds);
    }
}
