using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class ProjectRegistrationTests
{
    [Fact]
    public void Register_BatchTrack_SkipsPreReviewAndReadiesApproval()
    {
        var scenario = new ProjectScenario();

        Assert.Equal(StepStatus.Skipped, scenario.Step("prereview").Status);
        Assert.Equal(StepStatus.Ready, scenario.Step("approval").Status);
        Assert.Equal(StepStatus.Waiting, scenario.Step("pre_announcement").Status);
        Assert.Equal(ProjectStatus.Active, scenario.State.Status);
        Assert.Equal("LAL_2020", scenario.State.TemplateId);
    }

    [Fact]
    public void Register_StandaloneFiledProject_ReadiesPreReviewBesideApproval()
    {
        var scenario = new ProjectScenario(ProjectScenario.Registration(track: Tracks.Standalone, approvalKind: ApprovalKinds.Filed));

        Assert.Equal(StepStatus.Ready, scenario.Step("prereview").Status);
        Assert.Equal(StepStatus.Ready, scenario.Step("approval").Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(ApprovalKinds.Approved)]
    [InlineData(ApprovalKinds.Ratified)]
    public void Register_StandaloneApprovedOrRatifiedProject_ApprovalWaitsForPreReview(string? kind)
    {
        var scenario = new ProjectScenario(ProjectScenario.Registration(track: Tracks.Standalone, approvalKind: kind));
        scenario.SubmitAllDocuments();

        Assert.Equal(StepStatus.Received, scenario.Step("prereview").Status);
        Assert.Equal(StepStatus.Waiting, scenario.Step("approval").Status);
        Assert.Equal(Rules.StepNotReady, scenario.Try("approval", StepActions.Start)!.Rule);
        scenario.Finish("prereview");
        Assert.Equal(StepStatus.Received, scenario.Step("approval").Status);
    }

    [Fact]
    public void Register_UnknownApprovalKind_IsInvalid()
    {
        var registration = ProjectScenario.Registration(approvalKind: "decreed");

        Assert.Contains("approvalKind", registration.Validate(new DateOnly(2026, 3, 2)).Keys);
    }

    [Fact]
    public void Register_ApplicationBefore2020_UsesTheLegacyTemplate()
    {
        var scenario = new ProjectScenario(ProjectScenario.Registration(appliedOn: new DateOnly(2019, 6, 1)), registrant: ProjectScenario.Admin);

        Assert.Equal("LEGACY_2004", scenario.State.TemplateId);
        Assert.Equal(StepStatus.Received, scenario.Step("farmland_balance").Status);
        Assert.Equal(StepStatus.Waiting, scenario.Step("approval").Status);
    }

    [Theory]
    [InlineData(200, 100, false, "province")]
    [InlineData(600, 525, false, "province")]
    [InlineData(600, 526, false, "state-council")]
    [InlineData(1150, 100, false, "province")]
    [InlineData(1151, 100, false, "state-council")]
    [InlineData(50, 10, true, "state-council")]
    public void Register_Areas_SetTheApprovalLevelAndTheFilingDepartment(decimal area, decimal cultivated, bool pbf, string level)
    {
        var scenario = new ProjectScenario(ProjectScenario.Registration(areaMu: area, cultivatedMu: cultivated, paddyMu: 0, permanentBasicFarmland: pbf));

        Assert.Equal(level, scenario.State.ApprovalLevel);
        var filing = scenario.Step("filing");
        Assert.Equal(level == "province" ? "province-government" : "state-council", filing.Department);
        Assert.Equal(level == "province" ? 60 : 120, filing.TimeLimit!.Amount);
    }

    [Fact]
    public void Register_RequiredBalance_FollowsCultivatedPaddyAndGrade()
    {
        var scenario = new ProjectScenario();

        Assert.Equal(new QuotaAmount(100m, 40m, 100m * (16 - 7) * 100), scenario.State.Balance.Required);
        Assert.Equal(BalanceStatus.Unbalanced, scenario.State.Balance.Status);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("ownerUscc")]
    [InlineData("county")]
    [InlineData("paddyMu")]
    [InlineData("grade")]
    [InlineData("track")]
    public void Register_InvalidField_IsRefusedNamingIt(string field)
    {
        var good = ProjectScenario.Registration();
        var bad = field switch
        {
            "name" => good with { Name = " " },
            "ownerUscc" => good with { OwnerUscc = "91330500MA2JTR0100" },
            "county" => good with { County = "110101" },
            "paddyMu" => good with { PaddyMu = good.CultivatedMu + 1 },
            "grade" => good with { Grade = 16 },
            _ => good with { Track = "express" },
        };

        var project = Project.Register(ProjectCode.Create(new DateOnly(2026, 3, 1), "330502", "01", 9), bad, ProjectScenario.Owner,
            new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)), ProjectScenario.Environment, out var refusal);

        Assert.Null(project);
        Assert.NotNull(refusal);
        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.Contains(field, refusal.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("330523")] // another county: a line that crosses counties is coded once
    [InlineData("330500")] // Huzhou city
    [InlineData("330000")] // Zhejiang province
    public void Register_CodeIssuedByAnotherZhejiangRegion_IsAccepted(string region)
    {
        var project = Project.Register(ProjectCode.Create(new DateOnly(2026, 3, 1), region, "01", 9), ProjectScenario.Registration(), ProjectScenario.Owner,
            new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)), ProjectScenario.Environment, out var refusal);

        Assert.Null(refusal);
        Assert.Equal("330502", project!.State.County);
    }

    [Fact]
    public void Register_CodeOfARegionOutsideZhejiang_IsRefused()
    {
        var project = Project.Register(ProjectCode.Create(new DateOnly(2026, 3, 1), "320500", "01", 9), ProjectScenario.Registration(), ProjectScenario.Owner,
            new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)), ProjectScenario.Environment, out var refusal);

        Assert.Null(project);
        Assert.Equal(Rules.InvalidCode, refusal!.Rule);
    }

    [Fact]
    public void Register_MigratedCodeByAdminWithPre2020Application_IsAccepted()
    {
        const string migrated = "2019-330502-48-01-012345";
        var registration = ProjectScenario.Registration(appliedOn: new DateOnly(2019, 5, 6)) with { Code = migrated };

        var project = Project.Register(ProjectCode.Parse(migrated), registration, ProjectScenario.Admin,
            new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)), ProjectScenario.Environment, out var refusal);

        Assert.Null(refusal);
        Assert.Equal(migrated, project!.State.Code);
        Assert.Equal("LEGACY_2004", project.State.TemplateId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2021-08-01")]
    public void Register_MigratedCodeWithoutEarlyApplication_IsInvalidCode(string? appliedOn)
    {
        const string migrated = "2019-330502-48-01-012345";
        var registration = ProjectScenario.Registration(appliedOn: appliedOn is null ? null : DateOnly.Parse(appliedOn, System.Globalization.CultureInfo.InvariantCulture)) with { Code = migrated };

        var project = Project.Register(ProjectCode.Parse(migrated), registration, ProjectScenario.Admin,
            new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)), ProjectScenario.Environment, out var refusal);

        Assert.Null(project);
        Assert.Equal(Rules.InvalidCode, refusal!.Rule);
    }

    [Fact]
    public void Register_EnterpriseForAnotherOwner_IsForbidden()
    {
        var other = new Actor("ent-park", Roles.Enterprise, Uscc: "91330522MA2KPK020P");

        var project = Project.Register(ProjectCode.Create(new DateOnly(2026, 3, 1), "330502", "01", 9), ProjectScenario.Registration(), other,
            new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)), ProjectScenario.Environment, out var refusal);

        Assert.Null(project);
        Assert.Equal(RefusalKind.Forbidden, refusal!.Kind);
    }
}
