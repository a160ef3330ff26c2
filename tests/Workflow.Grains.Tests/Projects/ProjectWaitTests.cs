using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains.Tests;

/// <summary>The live project page's long poll (<see cref="IProjectGrain.WaitForChangeAsync"/>): it answers when an act
/// commits, interleaved with that act, and only to callers who may see the project, as reading the status is authorized.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ProjectWaitTests(SharedClusterFixture fixture)
{
    private static readonly ActorInfo OtherEnterprise = new("ent-park", Roles.Enterprise, Uscc: "91330522MA2KPK020P");
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    private LandFlowCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task WaitForChange_PastVersion_AnswersTheStatusAtOnce()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);

        var reply = await project.Grain.WaitForChangeAsync(ProjectDriver.Owner, -1, TimeSpan.Zero);

        Assert.Null(reply.Refusal);
        Assert.Equal(project.Code, reply.Status!.Project.Code);
        Assert.True(reply.Status.Version > 0);
        Assert.NotEmpty(reply.Status.Project.MissingDocuments);
    }

    [Fact]
    public async Task WaitForChange_OfficerActs_OwnersWaitAnswersWithTheAct()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);
        await project.SubmitAllDocumentsAsync();
        var now = (await project.Grain.WaitForChangeAsync(ProjectDriver.Owner, -1, TimeSpan.Zero)).Status!;

        // The wait interleaves: the officer's act is not held up behind it, and it wakes the wait.
        var waiting = project.Grain.WaitForChangeAsync(ProjectDriver.Owner, now.Version, Long);
        await project.DoAsync("approval", StepActions.Start);
        var reply = await waiting;

        Assert.Null(reply.Refusal);
        Assert.True(reply.Status!.Version > now.Version);
        Assert.Equal("inProgress", reply.Status.Project.Steps.Single(s => s.Key == "approval").State);
        Assert.Contains(reply.Status.Due, d => d.Step == "approval" && d.WorkingDaysLeft > 0);
    }

    [Fact]
    public async Task WaitForChange_NothingHappens_AnswersNeitherWhenTheTimeoutRunsOut()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);
        var now = (await project.Grain.WaitForChangeAsync(ProjectDriver.Owner, -1, TimeSpan.Zero)).Status!;

        var reply = await project.Grain.WaitForChangeAsync(ProjectDriver.Owner, now.Version, TimeSpan.FromMilliseconds(200));

        Assert.Null(reply.Status);
        Assert.Null(reply.Refusal);
    }

    [Fact]
    public async Task WaitForChange_AnotherEnterprise_IsNotFoundAtOnceAndLearnsNothingOfAnAct()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);

        // A long timeout, yet answered before the owner acts: the stranger is not kept waiting for news it may not have.
        var stranger = await project.Grain.WaitForChangeAsync(OtherEnterprise, 0, Long);
        await project.SubmitAllDocumentsAsync();
        var strangerAfter = await project.Grain.WaitForChangeAsync(OtherEnterprise, -1, TimeSpan.Zero);

        Assert.Equal(RefusalKind.NotFound, stranger.Refusal!.Kind);
        Assert.Null(stranger.Status);
        Assert.Equal(RefusalKind.NotFound, strangerAfter.Refusal!.Kind);
        Assert.Null(strangerAfter.Status);
    }

    [Fact]
    public async Task WaitForChange_UnknownCode_IsNotFoundEvenForAnAdmin()
    {
        var reply = await Cluster.Project(ProjectDriver.NewCode()).WaitForChangeAsync(ProjectDriver.Admin, -1, Long);

        Assert.Equal(RefusalKind.NotFound, reply.Refusal!.Kind);
        Assert.Null(reply.Status);
    }

    [Fact]
    public async Task Preview_LargeCultivatedArea_IsStateCouncilAndRegistersNothing()
    {
        var registrar = Cluster.Client.GetGrain<IProjectRegistrarGrain>(0);

        var preview = await registrar.PreviewAsync(ProjectDriver.Registration(areaMu: 900m, cultivatedMu: 600m, paddyMu: 100m), ProjectDriver.Owner);
        var small = await registrar.PreviewAsync(ProjectDriver.Registration(), ProjectDriver.Owner);

        Assert.Null(preview.Refusal);
        Assert.Empty(preview.Errors);
        Assert.Equal(ApprovalLevels.StateCouncil, preview.ApprovalLevel);
        Assert.Equal(ApprovalLevels.Province, small.ApprovalLevel);
    }

    [Fact]
    public async Task Preview_BadAreas_NamesEachFieldAsRegisterRefusesIt()
    {
        var registrar = Cluster.Client.GetGrain<IProjectRegistrarGrain>(0);
        var command = ProjectDriver.Registration(areaMu: 0m, cultivatedMu: 10m, paddyMu: 20m) with { Name = " " };

        var preview = await registrar.PreviewAsync(command, ProjectDriver.Owner);
        var registered = await registrar.RegisterAsync(command, ProjectDriver.Owner);

        Assert.Equal(Rules.InvalidRegistration, preview.Refusal!.Rule);
        Assert.Equal(registered.Refusal!.Rule, preview.Refusal.Rule);
        Assert.Equal(["areaMu", "cultivatedMu", "name", "paddyMu"], preview.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Null(preview.ApprovalLevel);
    }

    [Fact]
    public async Task Preview_AnotherEnterprisesCode_IsNotYourEnterprise()
    {
        var preview = await Cluster.Client.GetGrain<IProjectRegistrarGrain>(0).PreviewAsync(ProjectDriver.Registration(), OtherEnterprise);

        Assert.Equal(Rules.NotYourEnterprise, preview.Refusal!.Rule);
    }
}
