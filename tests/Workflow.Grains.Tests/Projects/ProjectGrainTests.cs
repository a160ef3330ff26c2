using System.Text.Json.Nodes;
using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains.Tests;

[Collection(SharedClusterCollection.Name)]
public sealed class ProjectGrainTests(SharedClusterFixture fixture)
{
    private LandFlowCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Register_NewCode_IsDurableWithItsHistory()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);

        var status = await project.StatusAsync();
        var stored = await Cluster.Store.LoadAsync("project/" + project.Code);
        var history = (await project.Grain.GetHistoryAsync(ProjectDriver.Owner)).Items!;

        Assert.Equal("active", status.State);
        Assert.Equal("LAL_2020", status.Template.Id);
        Assert.NotNull(stored);
        Assert.Equal(EventKinds.Registered, history[0].Kind);
        Assert.Equal("ent-rail", history[0].Actor);
    }

    [Fact]
    public async Task Register_ExistingCode_IsRefusedAndChangesNothing()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);
        var before = await project.StatusAsync();

        var reply = await project.Grain.RegisterAsync(ProjectDriver.Registration() with { Name = "另一个项目" }, ProjectDriver.Owner);

        Assert.Equal(Rules.ProjectExists, reply.Refusal!.Rule);
        Assert.Equal(before.Name, (await project.StatusAsync()).Name);
        Assert.Single((await project.Grain.GetHistoryAsync(ProjectDriver.Admin)).Items!, e => e.Kind == EventKinds.Registered);
    }

    [Fact]
    public async Task Get_AfterEachKindOfChange_ShowsTheNewStateNotAnEarlierRead()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);
        var registered = await project.StatusAsync();
        await project.SubmitAllDocumentsAsync();
        var submitted = await project.StatusAsync();
        await project.DoAsync("approval", StepActions.Start);
        var started = await project.StatusAsync();

        Assert.NotEmpty(registered.MissingDocuments);
        Assert.Empty(submitted.MissingDocuments);
        Assert.Equal("received", submitted.Steps.Single(s => s.Key == "approval").State);
        Assert.Equal("inProgress", started.Steps.Single(s => s.Key == "approval").State);
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(started),
            System.Text.Json.JsonSerializer.Serialize(await project.StatusAsync()));
    }

    [Fact]
    public async Task Get_AnotherEnterprise_IsNotFound()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);

        var reply = await project.Grain.GetAsync(new ActorInfo("ent-park", Roles.Enterprise, Uscc: "91330522MA2KPK020P"));
        var history = await project.Grain.GetHistoryAsync(new ActorInfo("ent-park", Roles.Enterprise, Uscc: "91330522MA2KPK020P"));

        Assert.Equal(RefusalKind.NotFound, reply.Refusal!.Kind);
        Assert.Equal(RefusalKind.NotFound, history.Refusal!.Kind);
    }

    [Fact]
    public async Task Get_UnknownCode_IsNotFoundEvenForAnAdmin()
    {
        var reply = await Cluster.Project(ProjectDriver.NewCode()).GetAsync(ProjectDriver.Admin);

        Assert.Equal(RefusalKind.NotFound, reply.Refusal!.Kind);
    }

    [Fact]
    public async Task Act_WrongDepartment_IsForbiddenAndLeavesHistoryAlone()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);
        await project.SubmitAllDocumentsAsync();
        var before = (await project.Grain.GetHistoryAsync(ProjectDriver.Admin)).Items!.Count;

        var reply = await project.TryAsync("approval", StepActions.Start, actor: ProjectDriver.Officer("finance"));

        Assert.Equal(RefusalKind.Forbidden, reply.Refusal!.Kind);
        Assert.Equal(Rules.WrongDepartment, reply.Refusal.Rule);
        Assert.Equal(before, (await project.Grain.GetHistoryAsync(ProjectDriver.Admin)).Items!.Count);
        Assert.Equal("received", (await project.StatusAsync()).Steps.Single(s => s.Key == "approval").State);
    }

    [Fact]
    public async Task Act_MalformedFacts_IsInvalid()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);
        await project.SubmitAllDocumentsAsync();

        var reply = await project.Grain.ActAsync(new StepActionCommand("approval", StepActions.Start, null, "[1,2]"), ProjectDriver.Officer("development-reform"));

        Assert.Equal(RefusalKind.Invalid, reply.Refusal!.Kind);
    }

    [Fact]
    public async Task Act_AcceptedStart_IsInTheHistoryWithItsActorAndReason()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);
        await project.SubmitAllDocumentsAsync();

        await project.DoAsync("approval", StepActions.Start, new JsonObject { ["catalogue"] = "核准" }, "受理");

        var last = (await project.Grain.GetHistoryAsync(ProjectDriver.Owner)).Items![^1];
        Assert.Equal(EventKinds.Start, last.Kind);
        Assert.Equal("approval", last.Step);
        Assert.Equal("off-development-reform", last.Actor);
        Assert.Equal("受理", last.Reason);
        Assert.Contains("核准", last.FactsJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_AfterActs_ListsTheProjectWithItsOpenSteps()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);
        await project.SubmitAllDocumentsAsync();
        await project.FinishAsync("approval");
        await project.DoAsync("pre_announcement", StepActions.Start);

        var list = (await Cluster.Client.GetGrain<IProjectCatalogGrain>(0).QueryAsync(
            new ProjectListQuery("330502", null, null, "survey", null, 1, 200), ProjectDriver.Leader)).List!;

        var item = Assert.Single(list.Items, i => i.Code == project.Code);
        Assert.Contains("survey", item.OpenSteps);
        Assert.DoesNotContain("approval", item.OpenSteps);
    }

    [Fact]
    public async Task Catalog_Enterprise_SeesOnlyItsOwnProjects()
    {
        var mine = await ProjectDriver.RegisterAsync(Cluster);
        var other = new ProjectDriver(Cluster, ProjectDriver.NewCode("330522"));
        Assert.Null((await other.Grain.RegisterAsync(ProjectDriver.Registration("330522") with { OwnerUscc = "91330522MA2KPK020P" }, ProjectDriver.Admin)).Refusal);

        var list = (await Cluster.Client.GetGrain<IProjectCatalogGrain>(0).QueryAsync(
            new ProjectListQuery(null, null, null, null, null, 1, 200), ProjectDriver.Owner)).List!;

        Assert.Contains(list.Items, i => i.Code == mine.Code);
        Assert.DoesNotContain(list.Items, i => i.Code == other.Code);
        Assert.All(list.Items, i => Assert.Equal(ProjectDriver.OwnerUscc, i.OwnerUscc));
    }
}
