using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains.Tests;

[Collection(DashboardClusterCollection.Name)]
public sealed class BulletinGrainTests(DashboardClusterFixture fixture)
{
    private const string LateCounty = "330522";
    private const string OnTimeCounty = "330521";

    private LandFlowCluster Cluster => fixture.Cluster;

    private IBulletinGrain Bulletin => Cluster.Client.GetGrain<IBulletinGrain>(0);

    [Fact]
    public async Task Get_OneCountyLateOneOnTime_RanksThemNamesTheLaggardAndListsRedItems()
    {
        var late = await ProjectDriver.RegisterAsync(Cluster, ProjectDriver.Registration(LateCounty));
        var stuck = await ProjectDriver.RegisterAsync(Cluster, ProjectDriver.Registration(LateCounty));
        await late.SubmitAllDocumentsAsync();
        await stuck.SubmitAllDocumentsAsync();

        // Six weeks on: the approval's 20 working days have run out for both.
        Cluster.Clock.Advance(TimeSpan.FromDays(42));
        var onTime = await ProjectDriver.RegisterAsync(Cluster, ProjectDriver.Registration(OnTimeCounty));
        await onTime.SubmitAllDocumentsAsync();
        await onTime.FinishAsync("approval");
        await late.FinishAsync("approval");
        var week = IsoWeeks.Of(Cluster.Clock.GetUtcNow());
        await Cluster.Client.GetGrain<IProjectionGrain>("analytics").CatchUpAsync();

        var bulletin = (await Bulletin.GetAsync(week, ProjectDriver.Leader)).Value!;
        var officers = (await Bulletin.GetAsync(week, new ActorInfo("off-x", Roles.Officer, Department: "development-reform", County: OnTimeCounty))).Value!;

        var good = bulletin.Counties.Single(c => c.Unit == OnTimeCounty);
        var bad = bulletin.Counties.Single(c => c.Unit == LateCounty);
        Assert.Equal(1.0, good.OnTimeRate);
        Assert.Equal(0.0, bad.OnTimeRate);
        Assert.True(good.Rank < bad.Rank);
        Assert.True(bad.BelowLine);
        Assert.False(good.BelowLine);
        Assert.Equal(0.85, bulletin.Line);
        Assert.Equal("德清县", good.UnitName);
        var red = Assert.Single(bulletin.RedItems, r => r.Code == stuck.Code);
        Assert.Equal("approval", red.Step);
        Assert.True(red.WorkingDaysOverdue > 0);
        Assert.True(bad.Red >= 1);
        Assert.Contains(bulletin.Departments, d => d.Unit == "development-reform" && d.Completed >= 2);
        Assert.All(officers.Counties, c => Assert.Equal(OnTimeCounty, c.Unit));
        Assert.DoesNotContain(officers.RedItems, r => r.County != OnTimeCounty);
    }

    [Fact]
    public async Task Get_NoWeek_IsTheLastFullWeekBeforeToday()
    {
        var reply = await Bulletin.GetAsync(null, ProjectDriver.Leader);

        var today = WorkingCalendar.LocalDate(Cluster.Clock.GetUtcNow());
        Assert.Equal(IsoWeeks.LastFullWeekBefore(today), reply.Value!.Week);
        Assert.Equal(DayOfWeek.Monday, reply.Value.From.DayOfWeek);
        Assert.True(reply.Value.To < today);
    }

    [Fact]
    public async Task Get_MalformedWeekOrEnterprise_IsRefused()
    {
        var malformed = await Bulletin.GetAsync("2026-W60", ProjectDriver.Leader);
        var enterprise = await Bulletin.GetAsync(null, ProjectDriver.Owner);

        Assert.Equal(Rules.InvalidWeek, malformed.Refusal!.Rule);
        Assert.Equal(Rules.RoleForbidden, enterprise.Refusal!.Rule);
    }
}
