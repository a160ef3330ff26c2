using System.Text.Json.Nodes;
using Workflow.Domain;

namespace Workflow.Domain.Tests;

/// <summary>浙江省土地管理条例 第四十五条 and 第四十六条, and the order of steps of 实施条例 第二十六条.</summary>
public sealed class ZhejiangLimitTests
{
    private static readonly StepClock Clock = ProjectScenario.Environment.Clock;

    [Fact]
    public void Complete_AcquisitionAnnouncementBeforeTenWorkingDays_IsRefused()
    {
        var scenario = Approved();
        scenario.Do("acquisition_announcement", StepActions.Start);
        scenario.AdvanceWorkingDays(9);
        var before = scenario.Snapshot();

        var refusal = scenario.Try("acquisition_announcement", StepActions.Complete);

        Assert.Equal("announcement-period", refusal!.Rule);
        Assert.Equal(before, scenario.Snapshot());
        scenario.AdvanceTo(scenario.Step("acquisition_announcement").EarliestCompletionAt!.Value);
        scenario.Do("acquisition_announcement", StepActions.Complete);
    }

    [Fact]
    public void PaymentHandover_SixtyDaysFromTheAnnouncement_NotFromItsOwnStart()
    {
        var scenario = Approved();
        scenario.Do("acquisition_announcement", StepActions.Start);
        var announcedAt = scenario.Now;
        scenario.AdvanceTo(scenario.Step("acquisition_announcement").EarliestCompletionAt!.Value);
        scenario.Do("acquisition_announcement", StepActions.Complete);

        var due = Clock.DueAt(announcedAt, new TimeLimit(60, TimeUnit.CalendarDays));
        Assert.Equal(due, scenario.Step("payment_handover").DueAt);
        Assert.Equal(WorkingCalendar.StartOfDay(WorkingCalendar.LocalDate(announcedAt).AddDays(61)), due);
        scenario.AdvanceWorkingDays(3);
        scenario.Do("payment_handover", StepActions.Start);
        Assert.Equal(due, scenario.Step("payment_handover").DueAt);

        scenario.AdvanceTo(due.AddMinutes(-1));
        scenario.Project.RefreshLights(scenario.Now);
        Assert.NotEqual(Light.Red, scenario.Step("payment_handover").Light);
        scenario.AdvanceTo(due);
        scenario.Project.RefreshLights(scenario.Now);
        Assert.Equal(Light.Red, scenario.Step("payment_handover").Light);
    }

    [Fact]
    public void CompensationDecision_Holdouts_StartsTheirOwnPaymentPeriod()
    {
        var scenario = Approved(households: 100, signed: 99);
        Assert.Equal(1, scenario.Step("agreements").Facts!["holdouts"]!.GetValue<int>());
        Assert.Equal(StepStatus.Received, scenario.Step("compensation_decision").Status);
        Assert.Equal(StepStatus.Waiting, scenario.Step("holdout_payment").Status);

        scenario.AdvanceWorkingDays(4);
        scenario.Finish("compensation_decision");
        var decidedAt = scenario.Now;

        var payment = scenario.Step("holdout_payment");
        Assert.Equal(StepStatus.Received, payment.Status);
        Assert.Equal(Clock.DueAt(decidedAt, new TimeLimit(60, TimeUnit.CalendarDays)), payment.DueAt);
        Assert.Equal(StepStatus.Waiting, scenario.Step("land_supply").Status);
    }

    [Fact]
    public void CompensationDecision_NoHoldouts_IsSkippedWithItsPayment()
    {
        var scenario = Approved();

        Assert.Equal(StepStatus.Skipped, scenario.Step("compensation_decision").Status);
        Assert.Equal(StepStatus.Skipped, scenario.Step("holdout_payment").Status);
    }

    [Fact]
    public void Survey_BeforeThePreAnnouncementIsPublished_WaitsForItsStart()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.Finish("approval");
        var before = scenario.Snapshot();

        var refusal = scenario.Try("survey", StepActions.Start);

        Assert.Equal(Rules.StepNotReady, refusal!.Rule);
        Assert.Contains("pre_announcement", refusal.Detail, StringComparison.Ordinal);
        Assert.Equal(before, scenario.Snapshot());
        scenario.Do("pre_announcement", StepActions.Start);
        scenario.Do("survey", StepActions.Start);
        scenario.Do("risk_assessment", StepActions.Start);
    }

    [Theory]
    [InlineData("2021-03-01", 2, false)]
    [InlineData("2021-08-31", 2, false)]
    [InlineData("2021-09-01", 3, true)]
    public void Register_ByApplicationDate_GetsThePreAnnouncementFromSeptember2021(string appliedOn, int version, bool hasPreAnnouncement)
    {
        var scenario = new ProjectScenario(ProjectScenario.Registration(appliedOn: DateOnly.Parse(appliedOn, System.Globalization.CultureInfo.InvariantCulture)), registrant: ProjectScenario.Admin);

        Assert.Equal(version, scenario.State.TemplateVersion);
        Assert.Equal(hasPreAnnouncement, scenario.State.FindStep("pre_announcement") is not null);
    }

    /// <summary>A project through its filing, the agreements signed by <paramref name="signed"/> of <paramref name="households"/>.</summary>
    private static ProjectScenario Approved(int households = 10, int? signed = null)
    {
        var scenario = new ProjectScenario(ProjectScenario.Registration(households: households));
        scenario.ThroughPlanAnnouncement();
        var signedHouseholds = signed ?? households;
        var unsigned = new JsonArray([.. Enumerable.Range(1, households - signedHouseholds)
            .Select(i => (JsonNode?)new JsonObject { ["household"] = $"1组-{i}号", ["reason"] = "对补偿标准有异议，已如实说明。" })]);
        scenario.Finish("agreements", new JsonObject { ["signedHouseholds"] = signedHouseholds, ["unsigned"] = unsigned });
        scenario.Finish("funds", new JsonObject { ["depositedYuan"] = ProjectScenario.PlanTotalYuan });
        scenario.Balance();
        scenario.Finish("filing");
        return scenario;
    }
}
