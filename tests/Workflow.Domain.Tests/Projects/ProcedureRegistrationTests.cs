using System.Text.Json.Nodes;
using Workflow.Domain;

namespace Workflow.Domain.Tests;

/// <summary>The homestead and rectification procedures: registered by their template files' rules, with none of land
/// acquisition's behaviour.</summary>
public sealed class ProcedureRegistrationTests
{
    public const string CollectiveUscc = "N2330502MF0LHC010N";

    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly Actor Collective = new("col-lianhua", Roles.Enterprise, Uscc: CollectiveUscc);

    private static readonly Actor Enforcement = new("off-enforcement", Roles.Officer, Department: "land-enforcement");

    public static JsonObject HomesteadFacts(decimal area = 120m, string landKind = "cultivated", bool holds = false, bool sold = false) => new()
    {
        ["household"] = "WX-LH-0231",
        ["plotAreaM2"] = area,
        ["landKind"] = landKind,
        ["holdsHomestead"] = holds,
        ["soldOrLetHouse"] = sold,
    };

    public static ProjectRegistration Homestead(JsonObject? facts = null, string uscc = CollectiveUscc, decimal areaMu = 0) =>
        new("莲花村 王某某 宅基地申请", uscc, "330502", "", "", areaMu, 0, 0, 0, false, 0, "", Procedure: "homestead", Facts: facts ?? HomesteadFacts());

    public static ProjectRegistration Rectification(string? violation = "unapproved-occupation") =>
        new("长兴某公司未批先建整改", "91330522MA2KPK020P", "330522", "", "", 3m, 1m, 0, 0, false, 0, "",
            Procedure: "rectification",
            Facts: new JsonObject { ["violation"] = violation, ["caseNumber"] = "长自然资执立〔2026〕17号" });

    [Fact]
    public void Register_Homestead_RunsTheHomesteadTemplateWithoutLandAcquisitionRules()
    {
        var project = Register(Homestead(), Collective, "330502", out var refusal);

        Assert.Null(refusal);
        Assert.Equal(("HOMESTEAD", "homestead"), (project!.Template.Id, project.State.Procedure));
        Assert.Equal("township", project.State.ApprovalLevel);
        Assert.Equal(BalanceStatus.NotApplicable, project.State.Balance.Status);
        Assert.Equal(QuotaAmount.Zero, project.State.Balance.Required);
        Assert.Equal(["collective_discussion"], project.OpenStepKeys);
        Assert.Equal("120", RegistrationFacts.AsText(project.State.ProcedureFacts)["plotAreaM2"]);
    }

    [Theory]
    [InlineData(125.5, "cultivated")]
    [InlineData(140.5, "other")]
    [InlineData(160.5, "hillside-wasteland")]
    public void Register_HomesteadAboveItsLandKindsCap_RefusedByAreaCap(double area, string landKind)
    {
        var refusal = Refused(Homestead(HomesteadFacts((decimal)area, landKind)), Collective, "330502");

        Assert.Equal("homestead-area-over-cap", refusal.Rule);
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
    }

    [Theory]
    [InlineData(125, "cultivated")]
    [InlineData(140, "other")]
    [InlineData(160, "hillside-wasteland")]
    public void Register_HomesteadAtItsCap_IsAccepted(int area, string landKind) =>
        Assert.NotNull(Register(Homestead(HomesteadFacts(area, landKind)), Collective, "330502", out _));

    [Fact]
    public void Register_HouseholdHoldingAHomestead_RefusedOneHouseholdOnePlot() =>
        Assert.Equal("one-household-one-plot", Refused(Homestead(HomesteadFacts(holds: true)), Collective, "330502").Rule);

    [Fact]
    public void Register_HouseholdThatSoldItsHouse_RefusedByItsRule() =>
        Assert.Equal("homestead-after-house-sold", Refused(Homestead(HomesteadFacts(sold: true)), Collective, "330502").Rule);

    [Fact]
    public void Register_HomesteadOwnedByACompany_RefusedAsNotACollective()
    {
        var company = new Actor("ent-rail", Roles.Enterprise, Uscc: ProjectScenario.OwnerUscc);

        Assert.Equal("homestead-owner-not-collective", Refused(Homestead(uscc: ProjectScenario.OwnerUscc), company, "330502").Rule);
    }

    [Fact]
    public void Register_HomesteadWithALandAcquisitionField_RefusedAsInvalid()
    {
        var refusal = Refused(Homestead(areaMu: 0.2m), Collective, "330502");

        Assert.Equal(Rules.InvalidRegistration, refusal.Rule);
        Assert.Contains("areaMu", refusal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_HomesteadMissingAndUnknownFacts_ListsThemAll()
    {
        var facts = HomesteadFacts();
        facts.Remove("landKind");
        facts["storeys"] = 3;

        var refusal = Refused(Homestead(facts), Collective, "330502");

        Assert.Equal(Rules.InvalidRegistration, refusal.Rule);
        Assert.Contains("facts.landKind", refusal.Detail, StringComparison.Ordinal);
        Assert.Contains("facts.storeys", refusal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_UnknownProcedure_RefusedByName()
    {
        var refusal = Refused(Homestead() with { Procedure = "forest-felling" }, Collective, "330502");

        Assert.Equal((Rules.UnknownProcedure, RefusalKind.Invalid), (refusal.Rule, refusal.Kind));
    }

    [Fact]
    public void Register_LandAcquisitionWithFacts_RefusedAsInvalid() =>
        Assert.Equal(Rules.InvalidRegistration, Refused(ProjectScenario.Registration() with { Facts = HomesteadFacts() }, ProjectScenario.Owner, "330502").Rule);

    [Fact]
    public void Register_LandAcquisitionNamedOrNot_RunsLal2020WithItsBalance()
    {
        var named = Register(ProjectScenario.Registration() with { Procedure = Procedures.LandAcquisition }, ProjectScenario.Owner, "330502", out _)!;

        Assert.Equal(("LAL_2020", Procedures.LandAcquisition), (named.Template.Id, named.State.Procedure));
        Assert.Equal(BalanceStatus.Unbalanced, named.State.Balance.Status);
        Assert.NotEqual(QuotaAmount.Zero, named.State.Balance.Required);
    }

    [Fact]
    public void Register_RectificationByEnforcementOfficer_OwnedByTheViolatorWithNoApproval()
    {
        var project = Register(Rectification(), Enforcement, "330522", out var refusal);

        Assert.Null(refusal);
        Assert.Equal("RECTIFICATION", project!.Template.Id);
        Assert.Equal("91330522MA2KPK020P", project.State.OwnerUscc);
        Assert.Equal("not-applicable", project.State.ApprovalLevel);
        Assert.Equal(BalanceStatus.NotApplicable, project.State.Balance.Status);
        Assert.Equal(3m, project.State.AreaMu);
    }

    [Fact]
    public void Register_RectificationByTheViolatorItself_RefusedByRole()
    {
        var violator = new Actor("ent-park", Roles.Enterprise, Uscc: "91330522MA2KPK020P");

        Assert.Equal(Rules.RoleForbidden, Refused(Rectification(), violator, "330522").Rule);
    }

    [Fact]
    public void Register_RectificationByAnotherCountysEnforcementOfficer_RefusedByRole()
    {
        var anji = Enforcement with { County = "330523" };

        Assert.Equal(Rules.RoleForbidden, Refused(Rectification(), anji, "330522").Rule);
    }

    [Fact]
    public void Register_RectificationWithAnUnknownViolation_RefusedAsInvalid() =>
        Assert.Equal(Rules.InvalidRegistration, Refused(Rectification("parking"), Enforcement, "330522").Rule);

    [Fact]
    public void Complete_EntitlementReviewFindingAnotherPlot_RefusedOneHouseholdOnePlotAndChangesNothing()
    {
        var project = Register(Homestead(), Collective, "330502", out _)!;
        var now = Monday;
        project.SubmitDocument("homestead-application", Collective, now);
        project.SubmitDocument("household-register", Collective, now);
        project.SubmitDocument("collective-resolution", Collective, now);
        var village = new Actor("off-village", Roles.Officer, Department: "village-collective");
        Assert.Null(project.Act("collective_discussion", "start", village, null, null, now));
        now = WorkingCalendar.StartOfDay(ProjectScenario.Environment.Calendar.AddWorkingDays(WorkingCalendar.LocalDate(now), 6)).AddHours(9);
        Assert.Null(project.Act("collective_discussion", "complete", village, null, null, now));
        var agriculture = new Actor("off-agri", Roles.Officer, Department: "agriculture-rural");
        Assert.Null(project.Act("entitlement_review", "start", agriculture, null, null, now));
        var seq = project.State.LastSeq;

        var refusal = project.Act("entitlement_review", "complete", agriculture, null, new JsonObject { ["holdsHomestead"] = true }, now);

        Assert.Equal(("one-household-one-plot", RefusalKind.Conflict), (refusal?.Rule, refusal?.Kind));
        Assert.Equal((StepStatus.InProgress, seq), (project.State.FindStep("entitlement_review")!.Status, project.State.LastSeq));
        Assert.Null(project.Act("entitlement_review", "complete", agriculture, null, new JsonObject { ["holdsHomestead"] = false }, now));
    }

    private static Project? Register(ProjectRegistration registration, Actor actor, string county, out Refusal? refusal) =>
        Project.Register(ProjectCode.Create(new DateOnly(2026, 3, 1), county, "90", 1), registration, actor, Monday, ProjectScenario.Environment, out refusal);

    private static Refusal Refused(ProjectRegistration registration, Actor actor, string county)
    {
        Assert.Null(Register(registration, actor, county, out var refusal));
        return refusal!;
    }
}
