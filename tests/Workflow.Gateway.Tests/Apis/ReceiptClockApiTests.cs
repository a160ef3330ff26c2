using System.Net;
using System.Text.Json.Nodes;
using Workflow.Domain;

namespace Workflow.Gateway.Tests;

/// <summary>Issue 10, must-show 1, 2 and 4 over HTTP with the dev clock: clocks from receipt, the extension,
/// Zhejiang's limits, and the template an application date picks.</summary>
public sealed class ReceiptClockApiTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Embedded();

    private readonly LandFlowApi api = new(gateway);

    [Fact]
    public async Task ReceivedStep_NobodyTouchesIt_IsAcceptedOnReceiptThenYellowThenRedOnItsWorkingDays()
    {
        var code = await api.RegisterAsync();
        await api.SubmitAllDocumentsAsync(code);
        var approval = await StepAsync(code, "approval");
        Assert.Equal("received", approval["state"]!.GetValue<string>());
        Assert.Equal("green", approval["light"]!.GetValue<string>());
        var receivedAt = approval["receivedAt"]!.GetValue<DateTimeOffset>();
        var acceptBy = approval["acceptBy"]!.GetValue<DateTimeOffset>();
        var due = approval["dueAt"]!.GetValue<DateTimeOffset>();
        var receiptDay = WorkingCalendar.LocalDate(receivedAt);
        Assert.Equal(WorkingCalendar.StartOfDay(Calendar.AddWorkingDays(receiptDay, 5).AddDays(1)), acceptBy);

        await api.MoveClockToAsync(acceptBy.AddMinutes(-1));
        Assert.Equal("received", (await StepAsync(code, "approval"))["state"]!.GetValue<string>());

        // Five working days of silence: accepted on receipt, by the system, on the deadline path.
        await api.MoveClockToAsync(acceptBy);
        approval = await StepAsync(code, "approval");
        Assert.Equal("inProgress", approval["state"]!.GetValue<string>());
        Assert.True(approval["acceptedOnReceipt"]!.GetValue<bool>());
        Assert.Equal(receivedAt, approval["acceptedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(due, approval["dueAt"]!.GetValue<DateTimeOffset>());
        var accepted = Assert.Single(await api.HistoryAsync(code), e => e!["kind"]!.GetValue<string>() == "accepted-on-receipt");
        Assert.Equal("system", accepted!["actor"]!.GetValue<string>());
        Assert.Equal("approval", accepted["step"]!.GetValue<string>());

        // 20 working days from receipt: green through the 16th working day after it, yellow from the 17th, red once due.
        await api.MoveClockToAsync(WorkingCalendar.StartOfDay(Calendar.AddWorkingDays(receiptDay, 17)).AddMinutes(-1));
        Assert.Equal("green", (await StepAsync(code, "approval"))["light"]!.GetValue<string>());
        await api.MoveClockToAsync(WorkingCalendar.StartOfDay(Calendar.AddWorkingDays(receiptDay, 17)));
        Assert.Equal("yellow", (await StepAsync(code, "approval"))["light"]!.GetValue<string>());
        await api.MoveClockToAsync(due.AddMinutes(-1));
        Assert.Equal("yellow", (await StepAsync(code, "approval"))["light"]!.GetValue<string>());
        await api.MoveClockToAsync(due);
        Assert.Equal("red", (await StepAsync(code, "approval"))["light"]!.GetValue<string>());
        var lights = (await api.HistoryAsync(code)).Where(e => e!["kind"]!.GetValue<string>() == "light").Select(e => e!["facts"]!["to"]!.GetValue<string>());
        Assert.Equal(["yellow", "red"], lights);
    }

    [Fact]
    public async Task Extend_WithReasonAndWorkingDays_MovesTheDueDateOnceAndIsInTheHistory()
    {
        var code = await api.RegisterAsync();
        await api.SubmitAllDocumentsAsync(code);
        var started = await api.DoAsync(code, "approval", "start");
        var due = Step(started, "approval")["dueAt"]!.GetValue<DateTimeOffset>();

        var extended = await api.DoAsync(code, "approval", "extend", new JsonObject
        {
            ["reason"] = "需组织专家评审，经本机关负责人批准延长十个工作日。",
            ["facts"] = new JsonObject { ["workingDays"] = 10 },
        });

        var approval = Step(extended, "approval");
        Assert.Equal(Calendar.ExtendByWorkingDays(due, 10), approval["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(10, approval["extendedWorkingDays"]!.GetValue<int>());
        var entry = Assert.Single(await api.HistoryAsync(code), e => e!["kind"]!.GetValue<string>() == "extend");
        Assert.Equal(10, entry!["facts"]!["workingDays"]!.GetValue<int>());

        await AssertRefusedAsync(code, () => api.ActAsync(code, "approval", "extend", Extension(3)), HttpStatusCode.Conflict, "extension-already-granted");
    }

    [Fact]
    public async Task Extend_BeyondTheRuleBookMaximum_Returns409AndChangesNothing()
    {
        var code = await api.RegisterAsync();
        await api.SubmitAllDocumentsAsync(code);
        await api.DoAsync(code, "approval", "start");

        await AssertRefusedAsync(code, () => api.ActAsync(code, "approval", "extend", Extension(11)), HttpStatusCode.Conflict, "extension-too-long");
    }

    [Fact]
    public async Task Suspend_SecondSupplementRequestDuringAcceptance_Returns409AndChangesNothing()
    {
        var code = await api.RegisterAsync();
        await api.SubmitAllDocumentsAsync(code);
        await api.DoAsync(code, "approval", "suspend", new JsonObject { ["reason"] = "补正：项目申请书缺少投资估算。" });
        var resumed = await api.DoAsync(code, "approval", "resume");
        Assert.Equal("received", Step(resumed, "approval")["state"]!.GetValue<string>());

        await AssertRefusedAsync(
            code, () => api.ActAsync(code, "approval", "suspend", new JsonObject { ["reason"] = "补正：再缺一份。" }), HttpStatusCode.Conflict, "supplement-already-requested");
    }

    [Fact]
    public async Task AcquisitionAnnouncement_BeforeTenWorkingDays_Returns409_AndPaymentPastSixtyDaysOfItIsRed()
    {
        var code = await ApprovedAsync(households: 12, signed: 12);
        var started = await api.DoAsync(code, "acquisition_announcement", "start");
        var announcedAt = await api.ClockAsync();
        var earliest = Step(started, "acquisition_announcement")["earliestCompletionAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(Calendar.DueAt(announcedAt, 10), earliest);

        await api.MoveClockToAsync(earliest.AddMinutes(-1));
        await AssertRefusedAsync(code, () => api.ActAsync(code, "acquisition_announcement", "complete"), HttpStatusCode.Conflict, "announcement-period");
        await api.MoveClockToAsync(earliest);
        var announced = await api.DoAsync(code, "acquisition_announcement", "complete");

        // Sixty days counted from the announcement (浙江条例 第四十六条), whoever starts the payment when.
        var due = SixtyDaysFrom(announcedAt);
        Assert.Equal(due, Step(announced, "payment_handover")["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("skipped", Step(announced, "compensation_decision")["state"]!.GetValue<string>());
        await api.MoveClockToAsync(due.AddMinutes(-1));
        Assert.NotEqual("red", (await StepAsync(code, "payment_handover"))["light"]!.GetValue<string>());
        await api.MoveClockToAsync(due);
        Assert.Equal("red", (await StepAsync(code, "payment_handover"))["light"]!.GetValue<string>());
    }

    [Fact]
    public async Task CompensationDecision_ForHoldouts_StartsTheirOwnPaymentPeriod()
    {
        var code = await ApprovedAsync(households: 100, signed: 99);
        Assert.Equal("received", (await StepAsync(code, "compensation_decision"))["state"]!.GetValue<string>());

        await api.AdvanceClockAsync("P3D");
        await api.DoAsync(code, "compensation_decision", "start");
        var decided = await api.DoAsync(code, "compensation_decision", "complete");
        var decidedAt = await api.ClockAsync();

        var payment = Step(decided, "holdout_payment");
        Assert.Equal("received", payment["state"]!.GetValue<string>());
        Assert.Equal(SixtyDaysFrom(decidedAt), payment["dueAt"]!.GetValue<DateTimeOffset>());
    }

    [Theory]
    [InlineData("2021-03-01", 2, false)]
    [InlineData("2021-09-01", 3, true)]
    public async Task Register_AdminAppliedOn_PicksTheTemplateWithOrWithoutThePreAnnouncement(string appliedOn, int version, bool hasPreAnnouncement)
    {
        var body = LandFlowApi.Registration();
        body["appliedOn"] = appliedOn;

        var code = await api.RegisterAsync(body, "admin");

        var status = await api.StatusAsync(code);
        Assert.Equal(version, status["template"]!["version"]!.GetValue<int>());
        Assert.Equal(hasPreAnnouncement, status["steps"]!.AsArray().Any(s => s!["key"]!.GetValue<string>() == "pre_announcement"));
    }

    [Fact]
    public async Task Register_StandaloneApprovedProject_ApprovalWaitsForPreReview_FiledDoesNot()
    {
        var approved = LandFlowApi.Registration();
        approved["track"] = "standalone";
        var filed = LandFlowApi.Registration();
        filed["track"] = "standalone";
        filed["approvalKind"] = "filed";

        var approvedStatus = await api.StatusAsync(await api.RegisterAsync(approved));
        var filedStatus = await api.StatusAsync(await api.RegisterAsync(filed));

        Assert.Equal("waiting", Step(approvedStatus, "approval")["state"]!.GetValue<string>());
        Assert.Equal("approved", approvedStatus["facts"]!["approvalKind"]!.GetValue<string>());
        Assert.Equal("ready", Step(filedStatus, "approval")["state"]!.GetValue<string>());
        Assert.Equal("filed", filedStatus["facts"]!["approvalKind"]!.GetValue<string>());
    }

    private static JsonObject Extension(int workingDays) =>
        new() { ["reason"] = "延期", ["facts"] = new JsonObject { ["workingDays"] = workingDays } };

    private static JsonNode Step(JsonNode status, string key) =>
        status["steps"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == key)!;

    private async Task<JsonNode> StepAsync(string code, string key) => Step(await api.StatusAsync(code), key);

    /// <summary>A project through its filing, <paramref name="signed"/> of <paramref name="households"/> households signed.</summary>
    /// <summary>The end of a 60-day period from <paramref name="from"/>: its last day moved past days off (民法典 第二百零三条).</summary>
    private static DateTimeOffset SixtyDaysFrom(DateTimeOffset from)
    {
        var last = WorkingCalendar.LocalDate(from).AddDays(60);
        while (!Calendar.IsWorkingDay(last))
        {
            last = last.AddDays(1);
        }

        return WorkingCalendar.StartOfDay(last.AddDays(1));
    }

    private async Task<string> ApprovedAsync(int households, int signed)
    {
        await api.DepositAsync("330502", "RECEIPT-LOT-" + Guid.NewGuid().ToString("N")[..8], 500m, 200m);
        var body = LandFlowApi.Registration();
        body["households"] = households;
        var code = await api.RegisterAsync(body);
        await api.ToFarmlandBalanceAsync(code);
        await api.DoAsync(code, "farmland_balance", "reserve");
        await api.DoAsync(code, "farmland_balance", "complete");
        foreach (var step in new[] { "pre_announcement", "survey", "risk_assessment", "compensation_plan", "registration", "plan_announcement" })
        {
            await api.FinishAsync(code, step);
        }

        var agreements = new JsonObject
        {
            ["signedHouseholds"] = signed,
            ["unsigned"] = new JsonArray([.. Enumerable.Range(1, households - signed)
                .Select(i => (JsonNode?)new JsonObject { ["household"] = $"1组-{i}号", ["reason"] = "对补偿标准有异议，已在报批材料中如实说明。" })]),
        };
        await api.DoAsync(code, "agreements", "start");
        await api.DoAsync(code, "agreements", "complete", new JsonObject
        {
            ["facts"] = agreements,
        });
        await api.FinishAsync(code, "funds", new JsonObject { ["depositedYuan"] = LandFlowApi.PlanTotalYuan });
        await api.FinishAsync(code, "filing");
        return code;
    }

    private async Task AssertRefusedAsync(string code, Func<Task<HttpResponseMessage>> act, HttpStatusCode status, string rule)
    {
        var before = await api.SnapshotAsync(code);

        using var response = await act();

        var problem = await ProblemAssert.IsProblemAsync(response, status);
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        Assert.Equal(before, await api.SnapshotAsync(code));
    }
}
