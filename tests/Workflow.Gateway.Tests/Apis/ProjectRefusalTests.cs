using System.Net;
using System.Text.Json.Nodes;

namespace Workflow.Gateway.Tests;

/// <summary>Every refusal answers as API.md says and changes nothing: state and history are read back.</summary>
public sealed class ProjectRefusalTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly LandFlowApi api = new(gateway);

    [Fact]
    public async Task Complete_PreAnnouncementBeforeTenWorkingDays_Returns409AndChangesNothing()
    {
        var code = await ApprovedAsync();
        await api.DoAsync(code, "pre_announcement", "start");

        await AssertRefusedAsync(code, () => api.ActAsync(code, "pre_announcement", "complete"), HttpStatusCode.Conflict, "announcement-period");
    }

    [Fact]
    public async Task Complete_PlanAnnouncementBeforeThirtyDays_Returns409AndChangesNothing()
    {
        var code = await ApprovedAsync();
        foreach (var step in new[] { "pre_announcement", "survey", "risk_assessment", "compensation_plan" })
        {
            await api.FinishAsync(code, step);
        }

        await api.DoAsync(code, "plan_announcement", "start");
        await api.AdvanceClockAsync("P20D");

        await AssertRefusedAsync(code, () => api.ActAsync(code, "plan_announcement", "complete"), HttpStatusCode.Conflict, "announcement-period");
    }

    [Theory]
    [InlineData("agreements", "agreements-incomplete")]
    [InlineData("farmland_balance", "farmland-unbalanced")]
    [InlineData("funds", "funds-not-in-place")]
    public async Task Start_FilingBeforeItsPrerequisites_Returns409WithTheGateAndChangesNothing(string missing, string rule)
    {
        await api.DepositAsync("330502", "REFUSAL-LOT", 50_000m, 20_000m);
        var code = await ApprovedAsync();
        if (missing != "farmland_balance")
        {
            await api.DoAsync(code, "farmland_balance", "start");
            await api.DoAsync(code, "farmland_balance", "reserve");
            await api.DoAsync(code, "farmland_balance", "complete");
        }

        foreach (var step in new[] { "pre_announcement", "survey", "risk_assessment", "compensation_plan", "registration", "plan_announcement" })
        {
            await api.FinishAsync(code, step);
        }

        if (missing != "agreements")
        {
            await api.FinishAsync(code, "agreements", new JsonObject { ["signedHouseholds"] = 12 });
        }

        if (missing != "funds")
        {
            await api.FinishAsync(code, "funds", new JsonObject { ["depositedYuan"] = LandFlowApi.PlanTotalYuan });
        }

        await AssertRefusedAsync(code, () => api.ActAsync(code, "filing", "start", user: "off-prov-gov"), HttpStatusCode.Conflict, rule);
    }

    [Fact]
    public async Task Start_StepNotReady_Returns409AndChangesNothing()
    {
        var code = await api.RegisterAsync();

        await AssertRefusedAsync(code, () => api.ActAsync(code, "survey", "start"), HttpStatusCode.Conflict, "step-not-ready");
    }

    [Fact]
    public async Task Act_OfficerOfAnotherDepartment_Returns403AndChangesNothing()
    {
        var code = await api.RegisterAsync();
        await api.SubmitAllDocumentsAsync(code);

        await AssertRefusedAsync(code, () => api.ActAsync(code, "approval", "start", user: "off-finance"), HttpStatusCode.Forbidden, "wrong-department");
    }

    [Fact]
    public async Task Act_UnknownAction_Returns400AndChangesNothing()
    {
        var code = await api.RegisterAsync();

        await AssertRefusedAsync(code, () => api.ActAsync(code, "approval", "approve", user: "off-drc"), HttpStatusCode.BadRequest, "unknown-action");
    }

    [Fact]
    public async Task Act_UnknownStep_Returns404AndChangesNothing()
    {
        var code = await api.RegisterAsync();

        await AssertRefusedAsync(code, () => api.ActAsync(code, "ribbon_cutting", "start", user: "off-drc"), HttpStatusCode.NotFound, null);
    }

    [Fact]
    public async Task Complete_AgreementsWithUnexplainedHoldouts_Returns409AndChangesNothing()
    {
        var code = await ApprovedAsync();
        foreach (var step in new[] { "pre_announcement", "survey", "risk_assessment", "compensation_plan", "registration", "plan_announcement" })
        {
            await api.FinishAsync(code, step);
        }

        await api.DoAsync(code, "agreements", "start");

        await AssertRefusedAsync(code, () => api.ActAsync(code, "agreements", "complete", new JsonObject { ["facts"] = new JsonObject { ["signedHouseholds"] = 11 } }),
            HttpStatusCode.Conflict, "holdouts-unexplained");
    }

    [Fact]
    public async Task Register_ExistingCode_Returns409AndChangesNothing()
    {
        var code = await api.RegisterAsync();
        var before = await api.SnapshotAsync(code);

        using var response = await (await api.As("admin")).PostAsync("/api/projects",
            System.Net.Http.Json.JsonContent.Create(LandFlowApi.Registration(code: code)));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("project-exists", problem.GetProperty("rule").GetString());
        Assert.Equal(before, await api.SnapshotAsync(code));
    }

    private async Task<string> ApprovedAsync()
    {
        var code = await api.RegisterAsync();
        await api.SubmitAllDocumentsAsync(code);
        await api.FinishAsync(code, "approval");
        return code;
    }

    private async Task AssertRefusedAsync(string code, Func<Task<HttpResponseMessage>> act, HttpStatusCode status, string? rule)
    {
        var before = await api.SnapshotAsync(code);

        using var response = await act();

        var problem = await ProblemAssert.IsProblemAsync(response, status);
        if (rule is not null)
        {
            Assert.Equal(rule, problem.GetProperty("rule").GetString());
        }

        Assert.Equal(before, await api.SnapshotAsync(code));
    }
}
