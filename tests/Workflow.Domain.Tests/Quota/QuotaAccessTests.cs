using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class QuotaAccessTests
{
    private static readonly Actor Admin = new("admin", Roles.Admin);
    private static readonly Actor Enterprise = new("ent-rail", Roles.Enterprise, "91330500MA2JTR010T");
    private static readonly Actor CountyOfficer = new("off-nr-changxing", Roles.Officer, Department: "natural-resources", County: "330522");
    private static readonly Actor Officer = new("off-nr", Roles.Officer, Department: "natural-resources");

    [Fact]
    public void CanRead_Enterprise_IsRoleForbidden() =>
        Assert.Equal(Rules.RoleForbidden, QuotaAccess.CanRead(Enterprise, "330502")?.Rule);

    [Fact]
    public void CanRead_CountyOfficer_OnlyTheirCounty()
    {
        Assert.Null(QuotaAccess.CanRead(CountyOfficer, "330522"));
        Assert.Equal((RefusalKind.Forbidden, Rules.QuotaCountyForbidden), (QuotaAccess.CanRead(CountyOfficer, "330502")?.Kind, QuotaAccess.CanRead(CountyOfficer, "330502")?.Rule));
    }

    [Fact]
    public void CanRead_OfficerWithoutCounty_Everywhere() => Assert.Null(QuotaAccess.CanRead(Officer, "330502"));

    [Theory]
    [InlineData(Roles.Enterprise)]
    [InlineData(Roles.Officer)]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.Liaison)]
    public void CanDepositAndTransfer_NotAnAdmin_IsRoleForbidden(string role)
    {
        var actor = new Actor("someone", role);

        Assert.Equal(Rules.RoleForbidden, QuotaAccess.CanDeposit(actor)?.Rule);
        Assert.Equal(Rules.RoleForbidden, QuotaAccess.CanTransfer(actor)?.Rule);
        Assert.Equal(Rules.RoleForbidden, QuotaAccess.CanMove(actor)?.Rule);
    }

    [Fact]
    public void CanMove_OnlyThePlatform()
    {
        Assert.Null(QuotaAccess.CanMove(Actor.System));
        Assert.Equal(Rules.RoleForbidden, QuotaAccess.CanMove(Admin)?.Rule);
    }

    [Fact]
    public void BeginReservation_CountyOfficerNamingAnotherCounty_IsRefusedAndRecordsNoIntent()
    {
        var scenario = new ProjectScenario(
            ProjectScenario.Registration(appliedOn: new DateOnly(2018, 4, 2)) with { County = "330522" },
            registrant: ProjectScenario.Admin,
            code: ProjectCode.Create(new DateOnly(2026, 3, 1), "330522", "01", 1));
        scenario.SubmitAllDocuments();
        var started = scenario.Project.Act("farmland_balance", StepActions.Start, CountyOfficer, null, null, scenario.Now);
        Assert.True(started is null, started?.ToString());
        var attempts = scenario.State.ReservationAttempts;

        var refusal = scenario.Project.BeginReservation("farmland_balance", CountyOfficer, ["330502"], scenario.Now, out var intent);

        Assert.Equal((RefusalKind.Forbidden, Rules.QuotaCountyForbidden), (refusal?.Kind, refusal?.Rule));
        Assert.Null(intent);
        Assert.Null(scenario.State.PendingReservation);
        Assert.Equal(attempts, scenario.State.ReservationAttempts);
        Assert.Null(scenario.Project.BeginReservation("farmland_balance", CountyOfficer, ["330522"], scenario.Now, out _));
    }

    [Fact]
    public void AssignLiaison_UnknownOrByAnEnterprise_IsRefused()
    {
        var scenario = new ProjectScenario();

        Assert.Equal(Rules.UnknownLiaison, scenario.Project.AssignLiaison("off-nr", Admin, scenario.Now, _ => false)?.Rule);
        Assert.Equal(Rules.RoleForbidden, scenario.Project.AssignLiaison("liaison-chen", ProjectScenario.Owner, scenario.Now, _ => true)?.Rule);
        Assert.Null(scenario.State.Liaison);
        Assert.Null(scenario.Project.AssignLiaison("liaison-chen", Admin, scenario.Now, id => id == "liaison-chen"));
        Assert.Equal("liaison-chen", scenario.State.Liaison);
    }
}
