using System.Text.Json.Nodes;
using Workflow.Domain;

namespace Workflow.Domain.Tests;

/// <summary>The gates as the statutes set them (issue 10): only 个别 households unsigned, funds covering the plan's
/// total, a hearing forced by a majority objection and followed by a revised, re-announced plan.</summary>
public sealed class StatutoryGateTests
{
    private static JsonObject Agreements(int signed, params string[] unsigned) => new()
    {
        ["signedHouseholds"] = signed,
        ["unsigned"] = new JsonArray([.. unsigned.Select(h => (JsonNode?)new JsonObject { ["household"] = h, ["reason"] = "对地上附着物评估结果有异议" })]),
    };

    private static JsonObject Announced(int members, int objecting, bool? decided = null)
    {
        var facts = new JsonObject { ["members"] = members, ["objecting"] = objecting };
        if (decided is { } value)
        {
            facts["hearingDecided"] = value;
        }

        return facts;
    }

    private static ProjectScenario ToAgreements(WorkflowEnvironment? environment = null)
    {
        var scenario = new ProjectScenario(environment: environment);
        scenario.ThroughPlanAnnouncement();
        scenario.Do("agreements", StepActions.Start);
        return scenario;
    }

    /// <summary>Every step before the plan announcement done, the announcement started and its 30 days waited out.</summary>
    private static ProjectScenario AnnouncementDue()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.FinishAll("approval", "pre_announcement", "survey", "risk_assessment", "compensation_plan", "registration");
        scenario.Do("plan_announcement", StepActions.Start);
        scenario.AdvanceTo(scenario.Step("plan_announcement").EarliestCompletionAt!.Value);
        return scenario;
    }

    [Fact]
    public void Complete_AgreementsMoreUnsignedThanTheShare_IsRefusedAndChangesNothing()
    {
        var scenario = ToAgreements();
        var before = scenario.Snapshot();

        var refusal = scenario.Try("agreements", StepActions.Complete, Agreements(8, "3组-张建国", "3组-李秀英"));

        Assert.Equal(Rules.HoldoutsTooMany, refusal!.Rule);
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Equal(before, scenario.Snapshot());
    }

    [Fact]
    public void Complete_AgreementsOneOfTenUnsigned_RecordsTheHouseholdWithItsReason()
    {
        var scenario = ToAgreements();

        scenario.Do("agreements", StepActions.Complete, Agreements(9, "3组-张建国"));

        var facts = scenario.Step("agreements").Facts!;
        Assert.Equal(9, facts["signedHouseholds"]!.GetValue<int>());
        var holdout = Assert.Single(facts["unsigned"]!.AsArray());
        Assert.Equal("3组-张建国", holdout!["household"]!.GetValue<string>());
        Assert.Equal("对地上附着物评估结果有异议", holdout["reason"]!.GetValue<string>());
    }

    [Fact]
    public void Complete_AgreementsHoldoutsNotEachNamed_IsRefused()
    {
        var scenario = ToAgreements();

        Assert.Equal(Rules.HoldoutsUnexplained, scenario.Try("agreements", StepActions.Complete, new JsonObject { ["signedHouseholds"] = 9 })!.Rule);
        Assert.Equal(Rules.HoldoutsUnexplained, scenario.Try("agreements", StepActions.Complete, Agreements(9))!.Rule);
        Assert.Equal(Rules.HoldoutsUnexplained, scenario.Try("agreements", StepActions.Complete, Agreements(9, "3组-张建国", "3组-李秀英"))!.Rule);
        Assert.Equal(Rules.FactInvalid, scenario.Try("agreements", StepActions.Complete, Agreements(9, " "))!.Rule);
        Assert.Equal(Rules.FactInvalid, scenario.Try("agreements", StepActions.Complete, Agreements(11))!.Rule);
        Assert.Equal(StepStatus.InProgress, scenario.Step("agreements").Status);
    }

    [Fact]
    public void Complete_AgreementsUnderAWiderConfiguredShare_AcceptsTwoOfTen()
    {
        var rules = new WorkflowRules { MaxUnsignedShare = 0.2m };
        var environment = new WorkflowEnvironment(WorkingCalendar.Embedded(), TemplateCatalog.Embedded(), rules, FarmlandBalanceRuleBook.Standard);
        var scenario = ToAgreements(environment);

        scenario.Do("agreements", StepActions.Complete, Agreements(8, "3组-张建国", "3组-李秀英"));

        Assert.Equal(StepStatus.Done, scenario.Step("agreements").Status);
    }

    [Fact]
    public void Complete_CompensationPlanWithoutItsTotal_IsRefused()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.FinishAll("approval", "pre_announcement", "survey", "risk_assessment");
        scenario.Do("compensation_plan", StepActions.Start);

        Assert.Equal(Rules.FactRequired, scenario.Try("compensation_plan", StepActions.Complete)!.Rule);
        Assert.Equal(Rules.FactInvalid, scenario.Try("compensation_plan", StepActions.Complete, new JsonObject { ["totalYuan"] = "a lot" })!.Rule);
        var zero = scenario.Try("compensation_plan", StepActions.Complete, new JsonObject { ["totalYuan"] = 0 })!;
        Assert.Equal((Rules.FactInvalid, RefusalKind.Invalid), (zero.Rule, zero.Kind));
    }

    [Fact]
    public void Complete_FundsShortOfThePlanTotal_IsRefusedAndChangesNothing()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.FinishAll("approval", "pre_announcement", "survey", "risk_assessment", "compensation_plan");
        scenario.Do("funds", StepActions.Start);
        var before = scenario.Snapshot();

        var refusal = scenario.Try("funds", StepActions.Complete, new JsonObject { ["depositedYuan"] = ProjectScenario.PlanTotalYuan - 1 });

        Assert.Equal(Rules.FundsNotInPlace, refusal!.Rule);
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Equal(before, scenario.Snapshot());
        scenario.Do("funds", StepActions.Complete, new JsonObject { ["depositedYuan"] = ProjectScenario.PlanTotalYuan });
        Assert.Equal(StepStatus.Done, scenario.Step("funds").Status);
    }

    [Theory]
    [InlineData(120, 0)]
    [InlineData(120, 60)]
    public void Complete_PlanAnnouncementHalfOrFewerObject_SkipsTheHearing(int members, int objecting)
    {
        var scenario = AnnouncementDue();
        Assert.Equal(StepStatus.Waiting, scenario.Step("hearing").Status);

        scenario.Do("plan_announcement", StepActions.Complete, Announced(members, objecting));

        Assert.Equal(StepStatus.Skipped, scenario.Step("hearing").Status);
        Assert.Contains(scenario.Project.Uncommitted, e => e.Kind == EventKinds.Skipped && e.Step == "hearing");
        Assert.Equal(StepStatus.Received, scenario.Step("agreements").Status);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(120, 121)]
    public void Complete_PlanAnnouncementImpossibleCounts_IsRefused(int members, int objecting)
    {
        var scenario = AnnouncementDue();

        Assert.Equal(Rules.FactInvalid, scenario.Try("plan_announcement", StepActions.Complete, Announced(members, objecting))!.Rule);
        Assert.Equal(Rules.FactRequired, scenario.Try("plan_announcement", StepActions.Complete, new JsonObject { ["members"] = 120 })!.Rule);
    }

    [Fact]
    public void Complete_PlanAnnouncementMajorityObjects_ForcesTheHearing()
    {
        var scenario = AnnouncementDue();

        scenario.Do("plan_announcement", StepActions.Complete, Announced(120, 61));

        Assert.Equal(StepStatus.Received, scenario.Step("hearing").Status);
        Assert.Equal(StepStatus.Waiting, scenario.Step("agreements").Status);
        var before = scenario.Snapshot();
        var refusal = scenario.Try("hearing", StepActions.Start, new JsonObject { ["requested"] = false });
        Assert.Equal(Rules.HearingRequired, refusal!.Rule);
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Equal(before, scenario.Snapshot());
    }

    [Fact]
    public void Complete_PlanAnnouncementGovernmentDecides_HoldsTheHearing()
    {
        var scenario = AnnouncementDue();

        scenario.Do("plan_announcement", StepActions.Complete, Announced(120, 3, decided: true));

        Assert.Equal(StepStatus.Received, scenario.Step("hearing").Status);
    }

    [Fact]
    public void Complete_Hearing_PlanRevisedAndAnnouncedAgainBeforeTheAgreements()
    {
        var scenario = AnnouncementDue();
        scenario.Do("plan_announcement", StepActions.Complete, Announced(120, 61));
        scenario.Finish("hearing");

        Assert.Equal(StepStatus.Received, scenario.Step("compensation_plan").Status);
        Assert.Equal(2, scenario.Step("compensation_plan").Round);
        Assert.Equal(StepStatus.Waiting, scenario.Step("plan_announcement").Status);
        Assert.Equal(2, scenario.Step("plan_announcement").Round);
        Assert.Null(scenario.Step("plan_announcement").Facts);
        Assert.Equal(StepStatus.Waiting, scenario.Step("agreements").Status);
        var reopened = scenario.Project.Uncommitted.Where(e => e.Kind == EventKinds.Reopened).ToList();
        Assert.Equal(["compensation_plan", "plan_announcement"], reopened.Select(e => e.Step));
        Assert.All(reopened, e => Assert.Equal("hearing", e.Facts!["after"]!.GetValue<string>()));

        scenario.Finish("compensation_plan", new JsonObject { ["totalYuan"] = 10_400_000 });
        scenario.Do("plan_announcement", StepActions.Start);
        var started = scenario.Now;
        Assert.Equal("announcement-period", scenario.Try("plan_announcement", StepActions.Complete, Announced(120, 10))!.Rule);
        Assert.True(scenario.Step("plan_announcement").EarliestCompletionAt >= started.AddDays(30));
        scenario.AdvanceTo(scenario.Step("plan_announcement").EarliestCompletionAt!.Value);
        scenario.Do("plan_announcement", StepActions.Complete, Announced(120, 10));

        Assert.Equal(StepStatus.Done, scenario.Step("hearing").Status);
        Assert.Equal(StepStatus.Received, scenario.Step("agreements").Status);
        Assert.Equal(2, scenario.Project.Uncommitted.Count(e => e.Kind == EventKinds.Complete && e.Step == "plan_announcement"));
    }

    [Fact]
    public void Complete_Hearing_FundsShownForTheOldPlanMustCoverTheRevisedTotal()
    {
        var scenario = AnnouncementDue();
        scenario.Finish("funds", new JsonObject { ["depositedYuan"] = ProjectScenario.PlanTotalYuan });
        scenario.Do("plan_announcement", StepActions.Complete, Announced(120, 61));
        scenario.Finish("hearing");

        Assert.Equal(StepStatus.Waiting, scenario.Step("funds").Status);
        Assert.Equal(2, scenario.Step("funds").Round);

        scenario.Finish("compensation_plan", new JsonObject { ["totalYuan"] = 10_400_000 });
        scenario.Do("funds", StepActions.Start);
        Assert.Equal(Rules.FundsNotInPlace, scenario.Try("funds", StepActions.Complete, new JsonObject { ["depositedYuan"] = ProjectScenario.PlanTotalYuan })!.Rule);
        scenario.Do("funds", StepActions.Complete, new JsonObject { ["depositedYuan"] = 10_400_000 });
    }

    [Fact]
    public void Complete_FundsWhileThePlanIsRevised_IsRefused()
    {
        var scenario = AnnouncementDue();
        scenario.Do("funds", StepActions.Start);
        scenario.Do("plan_announcement", StepActions.Complete, Announced(120, 61));
        scenario.Finish("hearing");

        Assert.Equal(Rules.FundsNotInPlace, scenario.Try("funds", StepActions.Complete, new JsonObject { ["depositedYuan"] = 99_000_000 })!.Rule);
    }
}
