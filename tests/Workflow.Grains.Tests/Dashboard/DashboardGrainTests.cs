using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains.Tests;

/// <summary>A cluster of the dashboard tests' own, so the figures hold only their projects; each test uses its own county
/// (the five Huzhou counties) and reads the figures of that county.</summary>
public sealed class DashboardClusterFixture : IAsyncLifetime
{
    public LandFlowCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await LandFlowCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class DashboardClusterCollection : ICollectionFixture<DashboardClusterFixture>
{
    public const string Name = "dashboard cluster";
}

[Collection(DashboardClusterCollection.Name)]
public sealed class DashboardGrainTests(DashboardClusterFixture fixture)
{
    private LandFlowCluster Cluster => fixture.Cluster;

    private IDashboardGrain Dashboard => Cluster.Client.GetGrain<IDashboardGrain>(0);

    private static ActorInfo CountyOfficer(string county) => new("off-" + county, Roles.Officer, Department: "development-reform", County: county);

    [Fact]
    public async Task Bottlenecks_OneWaitingOneDone_CountsThemAndNamesTheBottleneck()
    {
        const string county = "330502";
        var waiting = await ProjectDriver.RegisterAsync(Cluster, ProjectDriver.Registration(county));
        var done = await ProjectDriver.RegisterAsync(Cluster, ProjectDriver.Registration(county));
        await waiting.SubmitAllDocumentsAsync();
        await done.SubmitAllDocumentsAsync();
        await done.FinishAsync("approval");
        await CatchUpAsync();

        var reply = await Dashboard.BottlenecksAsync(new DashboardFilter(County: county), ProjectDriver.Leader);

        Assert.Null(reply.Refusal);
        var approval = reply.Value!.Steps.Single(s => s.Step == "approval");
        Assert.Equal(1, approval.Now.Waiting);
        Assert.Equal(1, approval.Dwell.Completed);
        Assert.Equal(1.0, approval.OnTimeRate);
        Assert.Equal("development-reform", approval.Department);
        Assert.Equal("approval", reply.Value.BottleneckStep);
        Assert.Equal("approval", reply.Value.Counties.Single(c => c.Unit == county).BottleneckStep);
        Assert.All(reply.Value.Counties, c => Assert.Equal(county, c.Unit));
    }

    [Fact]
    public async Task Bottlenecks_OfficerAskingAnotherCounty_IsRefusedWithTheScopeRule()
    {
        var reply = await Dashboard.BottlenecksAsync(new DashboardFilter(County: "330503"), CountyOfficer("330502"));

        Assert.Equal(Rules.DashboardScopeForbidden, reply.Refusal!.Rule);
        Assert.Equal(RefusalKind.Forbidden, reply.Refusal.Kind);
    }

    [Fact]
    public async Task Bottlenecks_Enterprise_IsRefused()
    {
        var reply = await Dashboard.BottlenecksAsync(new DashboardFilter(), ProjectDriver.Owner);

        Assert.Equal(Rules.RoleForbidden, reply.Refusal!.Rule);
    }

    [Fact]
    public async Task Bottlenecks_UnknownProcedure_IsInvalid()
    {
        var reply = await Dashboard.BottlenecksAsync(new DashboardFilter(Procedure: "NO_SUCH"), ProjectDriver.Leader);

        Assert.Equal(Rules.UnknownProcedure, reply.Refusal!.Rule);
    }

    [Fact]
    public async Task Heatmap_Default_RowsAreTheLandAcquisitionTemplatesStepsInOrder()
    {
        const string county = "330503";
        var project = await ProjectDriver.RegisterAsync(Cluster, ProjectDriver.Registration(county));
        await project.SubmitAllDocumentsAsync();
        await CatchUpAsync();

        var reply = await Dashboard.HeatmapAsync(new DashboardFilter(), ProjectDriver.Leader);
        var officer = await Dashboard.HeatmapAsync(new DashboardFilter(), CountyOfficer(county));

        var template = TemplateCatalog.Embedded().All.Where(t => t.Procedure == Procedures.LandAcquisition).MaxBy(t => t.Version)!;
        Assert.Equal(template.Steps.Select(s => s.Key), reply.Value!.Steps);
        Assert.Equal(template.Id, reply.Value.TemplateId);
        // Each procedure's choice is the one a heatmap of it makes, so a page names the rows' template exactly.
        Assert.Contains(new HeatmapProcedure(Procedures.LandAcquisition, template.Id, template.Version), reply.Value.Procedures);
        Assert.Equal(TemplateCatalog.Embedded().ProcedureNames, reply.Value.Procedures.Select(p => p.Procedure));
        Assert.Contains(county, reply.Value.Counties);
        Assert.Equal(1, reply.Value.Cells.Single(c => c.Step == "approval" && c.County == county).Now.Waiting);
        Assert.Equal([county], officer.Value!.Counties);
    }

    [Fact]
    public async Task CellProjects_WaitingStep_ListsTheProjectAndRefusesBadInput()
    {
        const string county = "330523";
        var project = await ProjectDriver.RegisterAsync(Cluster, ProjectDriver.Registration(county));
        await project.SubmitAllDocumentsAsync();
        await CatchUpAsync();

        var reply = await Dashboard.CellProjectsAsync(new CellProjectsQuery("approval", county), ProjectDriver.Leader);
        var badLight = await Dashboard.CellProjectsAsync(new CellProjectsQuery("approval", county, Light: "purple"), ProjectDriver.Leader);
        var badPage = await Dashboard.CellProjectsAsync(new CellProjectsQuery("approval", county, PageSize: 0), ProjectDriver.Leader);
        var otherCounty = await Dashboard.CellProjectsAsync(new CellProjectsQuery("approval", county), CountyOfficer("330502"));

        var item = Assert.Single(reply.Value!.Items, i => i.Code == project.Code);
        Assert.Equal("received", item.State);
        Assert.Equal(20, item.WorkingDaysLeft);
        Assert.Equal(Rules.InvalidDashboardQuery, badLight.Refusal!.Rule);
        Assert.Equal(Rules.InvalidDashboardQuery, badPage.Refusal!.Rule);
        Assert.Equal(Rules.DashboardScopeForbidden, otherCounty.Refusal!.Rule);
    }

    [Fact]
    public async Task Trend_TwelveWeeks_EndsWithTheClocksWeek()
    {
        var reply = await Dashboard.TrendAsync(new DashboardFilter(), ProjectDriver.Leader);
        var bad = await Dashboard.TrendAsync(new DashboardFilter(Weeks: 0), ProjectDriver.Leader);

        Assert.Equal(12, reply.Weeks!.Count);
        Assert.Equal(IsoWeeks.Of(Cluster.Clock.GetUtcNow()), reply.Weeks[^1].Week);
        Assert.Equal(Rules.InvalidDashboardQuery, bad.Refusal!.Rule);
    }

    private Task CatchUpAsync() => Cluster.Client.GetGrain<IProjectionGrain>("analytics").CatchUpAsync();
}
