using System.Text.Json.Nodes;

namespace Workflow.Gateway.Tests;

public sealed class ProjectLifecycleTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly LandFlowApi api = new(gateway);

    [Fact]
    public async Task Project_WholeLifeOverHttp_EndsCompletedWithEveryActInItsHistory()
    {
        await api.DepositAsync("330502", "LIFE-LOT-1", 5_000m, 2_000m);
        var code = await api.RegisterAsync();

        await api.ReadyForFilingAsync(code);
        await api.FinishAsync(code, "filing");
        Assert.Equal("approved", (await api.StatusAsync(code))["state"]!.GetValue<string>());
        await api.FinishAsync(code, "acquisition_announcement");
        await api.FinishAsync(code, "payment_handover");
        await api.FinishAsync(code, "land_supply");
        await api.FinishAsync(code, "property_registration");

        var status = await api.StatusAsync(code, "ent-rail");
        Assert.Equal("completed", status["state"]!.GetValue<string>());
        Assert.Equal("consumed", status["balance"]!["state"]!.GetValue<string>());
        Assert.All(status["steps"]!.AsArray(), s => Assert.Contains(s!["state"]!.GetValue<string>(), new[] { "done", "skipped" }));
        Assert.Empty(status["missingDocuments"]!.AsArray());

        var history = await api.HistoryAsync(code, "ent-rail");
        var seqs = history.Select(e => e!["seq"]!.GetValue<long>()).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Equal("registered", history[0]!["kind"]!.GetValue<string>());
        Assert.Equal("ent-rail", history[0]!["actor"]!.GetValue<string>());
        var completed = history.Where(e => e!["kind"]!.GetValue<string>() == "complete").Select(e => e!["step"]!.GetValue<string>()).ToList();
        foreach (var step in new[] { "approval", "pre_announcement", "survey", "risk_assessment", "compensation_plan", "registration", "plan_announcement",
                     "agreements", "farmland_balance", "funds", "filing", "acquisition_announcement", "payment_handover", "land_supply", "property_registration" })
        {
            Assert.Contains(step, completed);
        }

        Assert.Equal("property_registration", completed[^1]);
        Assert.Contains(history, e => e!["kind"]!.GetValue<string>() == "reserve" && e["actor"]!.GetValue<string>() == "off-nr");
        Assert.Contains(history, e => e!["kind"]!.GetValue<string>() == "skipped" && e["step"]!.GetValue<string>() == "hearing");
        Assert.Contains(history, e => e!["kind"]!.GetValue<string>() == "quota-consumed");
        var times = history.Select(e => e!["at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.True(times[^1] - times[0] > TimeSpan.FromDays(40), "The statutory periods were waited out on the dev clock.");
    }

    [Fact]
    public async Task Light_StepPastEightyPercentThenDue_TurnsYellowThenRedInItsHistory()
    {
        var code = await api.RegisterAsync();
        await api.SubmitAllDocumentsAsync(code);
        var started = await api.DoAsync(code, "approval", "start");
        var approval = started["steps"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == "approval")!;
        var due = approval["dueAt"]!.GetValue<DateTimeOffset>();

        // Three calendar days before it falls due at most three working days are left: past 80%.
        await api.MoveClockToAsync(due.AddDays(-3));
        var yellow = (await api.HistoryAsync(code)).Where(e => e!["kind"]!.GetValue<string>() == "light").ToList();
        Assert.Equal(["yellow"], yellow.Select(e => e!["facts"]!["to"]!.GetValue<string>()));
        Assert.Equal("yellow", (await api.StatusAsync(code))["light"]!.GetValue<string>());

        await api.MoveClockToAsync(due.AddHours(1));

        var lights = (await api.HistoryAsync(code)).Where(e => e!["kind"]!.GetValue<string>() == "light").ToList();
        Assert.Equal(["yellow", "red"], lights.Select(e => e!["facts"]!["to"]!.GetValue<string>()));
        Assert.All(lights, e => Assert.Equal("system", e!["actor"]!.GetValue<string>()));
        Assert.Equal("red", (await api.StatusAsync(code))["light"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_FilterByStepAndCounty_FindsTheProjectFromTheIndex()
    {
        var code = await api.RegisterAsync(LandFlowApi.Registration(county: "330521", uscc: LandFlowApi.RailUscc));

        var leader = await api.As("leader-li");
        var page = JsonNode.Parse(await leader.GetStringAsync("/api/projects?county=330521&step=approval&pageSize=200"))!;

        Assert.Contains(page["items"]!.AsArray(), i => i!["code"]!.GetValue<string>() == code);
        Assert.All(page["items"]!.AsArray(), i => Assert.Equal("330521", i!["county"]!.GetValue<string>()));
        Assert.True(page["total"]!.GetValue<int>() >= 1);
    }
}
