using System.Net;
using System.Text.Json.Nodes;

namespace Workflow.Gateway.Tests;

/// <summary>The statutes' gates over HTTP (issue 10): only 个别 households unsigned, funds covering the plan's total,
/// a hearing forced by a majority objection and the plan announced again after it. Each refusal is a 409 with its rule
/// and changes nothing.</summary>
public sealed class ProjectGateTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly LandFlowApi api = new(gateway);

    [Fact]
    public async Task Complete_AgreementsTwoOfTwelveUnsigned_Returns409HoldoutsTooManyAndChangesNothing()
    {
        var code = await AnnouncedAsync();
        await api.DoAsync(code, "agreements", "start");
        var facts = new JsonObject
        {
            ["signedHouseholds"] = 10,
            ["unsigned"] = new JsonArray(
                new JsonObject { ["household"] = "3组-张建国", ["reason"] = "对地上附着物评估结果有异议" },
                new JsonObject { ["household"] = "3组-李秀英", ["reason"] = "长期外出务工，尚未联系上" }),
        };

        await AssertRefusedAsync(code, () => api.ActAsync(code, "agreements", "complete", new JsonObject { ["facts"] = facts.DeepClone() }), "holdouts-too-many");

        facts["signedHouseholds"] = 11;
        facts["unsigned"]!.AsArray().RemoveAt(1);
        var done = await api.DoAsync(code, "agreements", "complete", new JsonObject { ["facts"] = facts.DeepClone() });
        Assert.Equal("done", StepState(done, "agreements"));
        var completed = (await api.HistoryAsync(code)).Last(e => e!["kind"]!.GetValue<string>() == "complete")!;
        Assert.Equal("3组-张建国", completed["facts"]!["unsigned"]![0]!["household"]!.GetValue<string>());
    }

    [Fact]
    public async Task Complete_FundsShortOfThePlanTotal_Returns409FundsNotInPlaceAndChangesNothing()
    {
        var code = await ApprovedAsync();
        foreach (var step in new[] { "pre_announcement", "survey", "risk_assessment" })
        {
            await api.FinishAsync(code, step);
        }

        await api.FinishAsync(code, "compensation_plan", new JsonObject { ["totalYuan"] = 9_600_000 });
        await api.DoAsync(code, "funds", "start");

        await AssertRefusedAsync(code, () => api.ActAsync(code, "funds", "complete", new JsonObject { ["facts"] = new JsonObject { ["depositedYuan"] = 9_000_000 } }),
            "funds-not-in-place");

        var done = await api.DoAsync(code, "funds", "complete", new JsonObject { ["facts"] = new JsonObject { ["depositedYuan"] = 9_600_000 } });
        Assert.Equal("done", StepState(done, "funds"));
    }

    [Fact]
    public async Task Complete_PlanAnnouncementMajorityObjects_HearingForcedAndThePlanAnnouncedAgain()
    {
        var code = await ToPlanAnnouncementAsync();
        await api.FinishAsync(code, "plan_announcement", new JsonObject { ["members"] = 120, ["objecting"] = 61 });

        var status = await api.StatusAsync(code);
        Assert.Equal("received", StepState(status, "hearing"));
        Assert.Equal("waiting", StepState(status, "agreements"));
        await AssertRefusedAsync(code, () => api.ActAsync(code, "hearing", "start", new JsonObject { ["facts"] = new JsonObject { ["requested"] = false } }),
            "hearing-required");

        await api.FinishAsync(code, "hearing");

        status = await api.StatusAsync(code);
        Assert.Equal("received", StepState(status, "compensation_plan"));
        Assert.Equal("waiting", StepState(status, "plan_announcement"));
        Assert.Equal("waiting", StepState(status, "agreements"));
        var reopened = (await api.HistoryAsync(code)).Where(e => e!["kind"]!.GetValue<string>() == "reopened").ToList();
        Assert.Equal(["compensation_plan", "plan_announcement"], reopened.Select(e => e!["step"]!.GetValue<string>()));
        Assert.All(reopened, e => Assert.Equal(2, e!["facts"]!["round"]!.GetValue<int>()));

        await api.FinishAsync(code, "compensation_plan", new JsonObject { ["totalYuan"] = 10_400_000 });
        var reannounced = await api.DoAsync(code, "plan_announcement", "start");
        var startedAt = await api.ClockAsync();
        var earliest = Step(reannounced, "plan_announcement")["earliestCompletionAt"]!.GetValue<DateTimeOffset>();
        Assert.True(earliest >= startedAt.AddDays(30), $"the second announcement runs its own 30 days from {startedAt:O}, not to {earliest:O}");
        await api.MoveClockToAsync(earliest.AddMinutes(1));
        await api.DoAsync(code, "plan_announcement", "complete", new JsonObject { ["facts"] = new JsonObject { ["members"] = 120, ["objecting"] = 12 } });

        status = await api.StatusAsync(code);
        Assert.Equal("done", StepState(status, "hearing"));
        Assert.Equal("received", StepState(status, "agreements"));
        var announcements = (await api.HistoryAsync(code))
            .Count(e => e!["kind"]!.GetValue<string>() == "complete" && e["step"]!.GetValue<string>() == "plan_announcement");
        Assert.Equal(2, announcements);
    }

    private static JsonNode Step(JsonNode status, string key) =>
        status["steps"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == key)!;

    private static string StepState(JsonNode status, string key) => Step(status, key)["state"]!.GetValue<string>();

    private async Task<string> ApprovedAsync()
    {
        var code = await api.RegisterAsync();
        await api.SubmitAllDocumentsAsync(code);
        await api.FinishAsync(code, "approval");
        return code;
    }

    /// <summary>Every step before the plan announcement done (registration too), the announcement not started.</summary>
    private async Task<string> ToPlanAnnouncementAsync()
    {
        var code = await ApprovedAsync();
        foreach (var step in new[] { "pre_announcement", "survey", "risk_assessment", "compensation_plan", "registration" })
        {
            await api.FinishAsync(code, step);
        }

        return code;
    }

    private async Task<string> AnnouncedAsync()
    {
        var code = await ToPlanAnnouncementAsync();
        await api.FinishAsync(code, "plan_announcement");
        return code;
    }

    /// <summary>The act answers 409 with <paramref name="rule"/>; status and history (its length and every entry) are as before.</summary>
    private async Task AssertRefusedAsync(string code, Func<Task<HttpResponseMessage>> act, string rule)
    {
        var before = await api.SnapshotAsync(code);
        var historyBefore = (await api.HistoryAsync(code)).Count;
        var stateBefore = (await api.StatusAsync(code))["state"]!.GetValue<string>();

        using var response = await act();

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        Assert.Equal(historyBefore, (await api.HistoryAsync(code)).Count);
        Assert.Equal(stateBefore, (await api.StatusAsync(code))["state"]!.GetValue<string>());
        Assert.Equal(before, await api.SnapshotAsync(code));
    }
}
