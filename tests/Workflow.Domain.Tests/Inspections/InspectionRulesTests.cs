using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class InspectionRulesTests
{
    private static readonly StepClock Clock = WorkflowEnvironment.Default().Clock;
    private static readonly Actor Leader = new("leader-li", Roles.Leader);
    private static readonly Actor AnjiOfficer = new("officer-anji-nr", Roles.Officer, Department: "natural-resources", County: "330523");

    // Thursday before the Labour Day holiday (1-5 May 2026): three working days run to Friday 8 May.
    private static readonly DateTimeOffset BeforeHoliday = new(2026, 4, 30, 9, 0, 0, TimeSpan.FromHours(8));

    private static InspectionDraft Draft(int workingDays = 3, string? county = "330523", string? department = "natural-resources") =>
        new("二季度执行力检查", county, department, [new FindingDraft("用地报批材料归档不全", workingDays), new FindingDraft("批后监管台账缺失", 10)]);

    [Fact]
    public void Open_ByLeader_NumbersFindingsAndSetsDeadlinesOnTheCalendar()
    {
        var (inspection, refusal) = InspectionRules.Open("insp-1", Draft(), Leader, BeforeHoliday, Clock);

        Assert.Null(refusal);
        Assert.Equal(["f1", "f2"], inspection!.Findings.Select(finding => finding.Id));
        // The five days of the holiday do not count: due at the end of Friday 8 May.
        Assert.Equal(new DateTimeOffset(2026, 5, 9, 0, 0, 0, TimeSpan.FromHours(8)), inspection.Findings[0].DueAt);
    }

    [Theory]
    [InlineData(Roles.Officer)]
    [InlineData(Roles.Liaison)]
    [InlineData(Roles.Enterprise)]
    public void Open_ByAnyoneButLeaderOrAdmin_RefusedRoleForbidden(string role)
    {
        var (inspection, refusal) = InspectionRules.Open("insp-2", Draft(), new Actor("someone", role), BeforeHoliday, Clock);

        Assert.Null(inspection);
        Assert.Equal(Rules.RoleForbidden, refusal!.Rule);
    }

    [Fact]
    public void Open_WithoutUnitOrWithUnknownCountyOrBadDeadline_RefusedInvalidInspection()
    {
        Assert.Equal(Rules.InvalidInspection, InspectionRules.Open("a", Draft(county: null, department: null), Leader, BeforeHoliday, Clock).Refusal!.Rule);
        Assert.Equal(Rules.InvalidInspection, InspectionRules.Open("b", Draft(county: "110101"), Leader, BeforeHoliday, Clock).Refusal!.Rule);
        Assert.Equal(Rules.InvalidInspection, InspectionRules.Open("c", Draft(workingDays: 0), Leader, BeforeHoliday, Clock).Refusal!.Rule);
        Assert.Equal(Rules.InvalidInspection, InspectionRules.Open("d", Draft() with { Findings = [] }, Leader, BeforeHoliday, Clock).Refusal!.Rule);
    }

    [Fact]
    public void WorkingDaysLeft_AcrossTheHoliday_CountsWorkingDaysToTheLastDayThenOverdueThenNoneOnceRectified()
    {
        var calendar = WorkflowEnvironment.Default().Calendar;
        var inspection = InspectionRules.Open("insp-days", Draft(), Leader, BeforeHoliday, Clock).Inspection!;
        var finding = inspection.Findings[0];

        // From Thursday 30 April to Friday 8 May, the holiday skipped: 6, 7 and 8 May.
        Assert.Equal(3, InspectionRules.WorkingDaysLeft(finding, BeforeHoliday, calendar));
        Assert.Equal(0, InspectionRules.WorkingDaysLeft(finding, new DateTimeOffset(2026, 5, 8, 17, 0, 0, TimeSpan.FromHours(8)), calendar));
        // Saturday 9 May is a make-up working day: one day overdue.
        Assert.Equal(-1, InspectionRules.WorkingDaysLeft(finding, new DateTimeOffset(2026, 5, 9, 10, 0, 0, TimeSpan.FromHours(8)), calendar));

        InspectionRules.Rectify(inspection, finding.Id, "已补齐归档材料", AnjiOfficer, BeforeHoliday);
        Assert.Null(InspectionRules.WorkingDaysLeft(finding, BeforeHoliday, calendar));
    }

    [Fact]
    public void Refresh_AcrossTheHoliday_YellowOnTheLastDaysRedOnlyAfterTheDeadline()
    {
        var inspection = InspectionRules.Open("insp-3", Draft(), Leader, BeforeHoliday, Clock).Inspection!;

        var duringHoliday = InspectionRules.Refresh(inspection, new DateTimeOffset(2026, 5, 5, 10, 0, 0, TimeSpan.FromHours(8)), Clock);
        Assert.DoesNotContain(duringHoliday, change => change.To == Light.Red);

        InspectionRules.Refresh(inspection, new DateTimeOffset(2026, 5, 8, 10, 0, 0, TimeSpan.FromHours(8)), Clock);
        Assert.Equal(Light.Yellow, inspection.Findings[0].Light);

        var afterDeadline = InspectionRules.Refresh(inspection, new DateTimeOffset(2026, 5, 9, 0, 30, 0, TimeSpan.FromHours(8)), Clock);
        var red = Assert.Single(afterDeadline, change => change.To == Light.Red);
        Assert.Equal(new FindingLightChange("f1", Light.Yellow, Light.Red, inspection.Findings[0].DueAt), red);
    }

    [Fact]
    public void NextChange_OpenFindings_IsTheEarliestLightChangeAndNoneOnceRectified()
    {
        var inspection = InspectionRules.Open("insp-4", Draft(), Leader, BeforeHoliday, Clock).Inspection!;

        var next = InspectionRules.NextChange(inspection, BeforeHoliday, Clock);
        Assert.NotNull(next);
        Assert.True(next <= inspection.Findings[0].DueAt);

        Assert.Null(InspectionRules.Rectify(inspection, "f1", "已补齐归档", AnjiOfficer, BeforeHoliday.AddHours(1)));
        Assert.Null(InspectionRules.Rectify(inspection, "f2", "已建立台账", AnjiOfficer, BeforeHoliday.AddHours(1)));
        Assert.Null(InspectionRules.NextChange(inspection, BeforeHoliday.AddHours(2), Clock));
        Assert.Empty(InspectionRules.Refresh(inspection, BeforeHoliday.AddDays(30), Clock));
    }

    [Fact]
    public void Rectify_ByTheUnitsOfficer_RecordsWhoWhenAndWhy()
    {
        var inspection = InspectionRules.Open("insp-5", Draft(), Leader, BeforeHoliday, Clock).Inspection!;
        var at = BeforeHoliday.AddDays(1);

        Assert.Null(InspectionRules.Rectify(inspection, "f1", " 已补齐归档 ", AnjiOfficer, at));

        var finding = inspection.Findings[0];
        Assert.False(finding.IsOpen);
        Assert.Equal((at, "officer-anji-nr", "已补齐归档"), (finding.RectifiedAt!.Value, finding.RectifiedBy!, finding.Reason!));
    }

    [Fact]
    public void Rectify_RefusedCases_NameTheirRulesAndChangeNothing()
    {
        var inspection = InspectionRules.Open("insp-6", Draft(), Leader, BeforeHoliday, Clock).Inspection!;
        var otherCounty = AnjiOfficer with { Id = "officer-deqing-nr", County = "330521" };

        Assert.Equal(Rules.WrongDepartment, InspectionRules.Rectify(inspection, "f1", "done", otherCounty, BeforeHoliday)!.Rule);
        Assert.Equal(Rules.WrongDepartment, InspectionRules.Rectify(inspection, "f1", "done", Leader, BeforeHoliday)!.Rule);
        Assert.Equal(Rules.UnknownFinding, InspectionRules.Rectify(inspection, "f9", "done", AnjiOfficer, BeforeHoliday)!.Rule);
        Assert.Equal(Rules.ReasonRequired, InspectionRules.Rectify(inspection, "f1", " ", AnjiOfficer, BeforeHoliday)!.Rule);
        Assert.All(inspection.Findings, finding => Assert.True(finding.IsOpen));

        Assert.Null(InspectionRules.Rectify(inspection, "f1", "done", AnjiOfficer, BeforeHoliday));
        Assert.Equal(Rules.FindingRectified, InspectionRules.Rectify(inspection, "f1", "again", AnjiOfficer, BeforeHoliday)!.Rule);
        Assert.Equal("done", inspection.Findings[0].Reason);
    }

    [Fact]
    public void CanRead_LeaderAllOfficerOwnUnitOnly()
    {
        var inspection = InspectionRules.Open("insp-7", Draft(), Leader, BeforeHoliday, Clock).Inspection!;

        Assert.True(InspectionRules.CanRead(inspection, Leader));
        Assert.True(InspectionRules.CanRead(inspection, AnjiOfficer));
        Assert.False(InspectionRules.CanRead(inspection, AnjiOfficer with { Department = "finance" }));
        Assert.False(InspectionRules.CanRead(inspection, new Actor("liaison-wang", Roles.Liaison)));
    }
}
