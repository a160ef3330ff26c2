using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Contracts;

namespace Workflow.Gateway.Tests;

/// <summary>Land problems (涉土问题) over HTTP: recorded, assigned, followed and resolved, each in the history; the
/// department told; the leaders' list of open ones per county; every refusal a problem with a rule that changes nothing.</summary>
public sealed class ProblemsApiTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Department = "natural-resources";

    private readonly LandFlowApi api = new(gateway);

    private async Task<string> WithLiaisonAsync()
    {
        var code = await api.RegisterAsync();
        using var assigned = await (await api.As("leader-li")).PostAsJsonAsync($"/api/projects/{code}/liaison", new { liaison = "liaison-chen" });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        return code;
    }

    private async Task<JsonNode> RecordAsync(string code, string title = "安置区坟墓迁移未落实", string user = "liaison-chen")
    {
        using var response = await (await api.As(user)).PostAsJsonAsync($"/api/projects/{code}/problems", new { title, description = "3 graves", step = "survey" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/projects/{code}/problems/1", response.Headers.Location?.OriginalString);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<HttpResponseMessage> PostAsync(string user, string path, object body) =>
        await (await api.As(user)).PostAsJsonAsync(path, body);

    private Task CatchUpAsync(string projection) =>
        gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<IProjectionGrain>(projection).CatchUpAsync();

    [Fact]
    public async Task Problem_RecordAssignFollowResolve_IsInTheHistoryAndTellsTheDepartmentAndLiaison()
    {
        var code = await WithLiaisonAsync();
        var recorded = await RecordAsync(code);
        Assert.Equal(("open", "survey"), (recorded["state"]!.GetValue<string>(), recorded["step"]!.GetValue<string>()));

        using (var assigned = await PostAsync("liaison-chen", $"/api/projects/{code}/problems/1/assign", new { department = Department, note = "请协调" }))
        {
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        }

        using (var followed = await PostAsync(LandFlowApi.OfficerOf[Department], $"/api/projects/{code}/problems/1/follow", new { note = "已约谈家属" }))
        {
            Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        }

        using var resolved = await PostAsync(LandFlowApi.OfficerOf[Department], $"/api/projects/{code}/problems/1/resolve", new { note = "坟墓已迁移" });

        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var problem = JsonNode.Parse(await resolved.Content.ReadAsStringAsync())!;
        Assert.Equal(("resolved", "坟墓已迁移", Department), (problem["state"]!.GetValue<string>(), problem["resolution"]!.GetValue<string>(), problem["department"]!.GetValue<string>()));
        var kinds = (await api.HistoryAsync(code)).Select(e => e!["kind"]!.GetValue<string>()).Where(k => k.StartsWith("problem-", StringComparison.Ordinal));
        Assert.Equal(["problem-recorded", "problem-assigned", "problem-followed", "problem-resolved"], kinds);

        await CatchUpAsync("notices");
        var officerInbox = JsonNode.Parse(await (await api.As(LandFlowApi.OfficerOf[Department])).GetStringAsync("/api/inbox"))!["items"]!.AsArray();
        var liaisonInbox = JsonNode.Parse(await (await api.As("liaison-chen")).GetStringAsync("/api/inbox"))!["items"]!.AsArray();
        Assert.Contains(officerInbox, n => n!["kind"]!.GetValue<string>() == "problem-assigned" && n["projectCode"]!.GetValue<string>() == code);
        Assert.Contains(liaisonInbox, n => n!["kind"]!.GetValue<string>() == "problem-resolved" && n["projectCode"]!.GetValue<string>() == code);
    }

    [Fact]
    public async Task OpenProblems_LeaderSeesThemPerCountyUntilResolved()
    {
        var code = await WithLiaisonAsync();
        await RecordAsync(code, "边界争议");
        await CatchUpAsync("problems");
        var leader = await api.As("leader-li");

        var open = JsonNode.Parse(await leader.GetStringAsync("/api/dashboard/problems?county=330502"))!;

        Assert.Contains(open["items"]!.AsArray(), p => p!["projectCode"]!.GetValue<string>() == code && p["title"]!.GetValue<string>() == "边界争议");
        Assert.True(open["perCounty"]!["330502"]!.GetValue<int>() >= 1);
        using (var resolved = await PostAsync("liaison-chen", $"/api/projects/{code}/problems/1/resolve", new { note = "已协商一致" }))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        await CatchUpAsync("problems");
        var after = JsonNode.Parse(await leader.GetStringAsync("/api/dashboard/problems"))!;
        Assert.DoesNotContain(after["items"]!.AsArray(), p => p!["projectCode"]!.GetValue<string>() == code);
        var mine = JsonNode.Parse(await (await api.As("liaison-chen")).GetStringAsync("/api/dashboard/problems"))!["items"]!.AsArray();
        Assert.All(mine, p => Assert.Equal("liaison-chen", p!["liaison"]!.GetValue<string>()));
    }

    [Fact]
    public async Task OpenProblems_Enterprise_Returns403RoleForbidden()
    {
        using var response = await (await api.As("ent-rail")).GetAsync("/api/dashboard/problems");

        Assert.Equal(Rules.RoleForbidden, (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden)).GetProperty("rule").GetString());
    }

    [Theory]
    [InlineData("off-drc", HttpStatusCode.Forbidden, "role-forbidden")]
    [InlineData("ent-rail", HttpStatusCode.Forbidden, "role-forbidden")]
    [InlineData("liaison-wang", HttpStatusCode.NotFound, null)]
    public async Task Record_ByAnyoneElse_IsRefusedAndChangesNothing(string user, HttpStatusCode status, string? rule)
    {
        var code = await WithLiaisonAsync();
        var before = await api.SnapshotAsync(code);

        using var response = await PostAsync(user, $"/api/projects/{code}/problems", new { title = "x" });

        var problem = await ProblemAssert.IsProblemAsync(response, status);
        if (rule is not null)
        {
            Assert.Equal(rule, problem.GetProperty("rule").GetString());
        }

        Assert.Equal(before, await api.SnapshotAsync(code));
    }

    [Fact]
    public async Task Problems_BadInput_AreProblemsWithRulesAndChangeNothing()
    {
        var code = await WithLiaisonAsync();
        await RecordAsync(code);
        var before = await api.SnapshotAsync(code);

        async Task<string?> RuleOfAsync(HttpResponseMessage response, HttpStatusCode status)
        {
            using (response)
            {
                return (await ProblemAssert.IsProblemAsync(response, status)).GetProperty("rule").GetString();
            }
        }

        Assert.Equal(Rules.InvalidProblem, await RuleOfAsync(await PostAsync("liaison-chen", $"/api/projects/{code}/problems", new { title = " " }), HttpStatusCode.BadRequest));
        Assert.Equal(Rules.UnknownStep, await RuleOfAsync(await PostAsync("liaison-chen", $"/api/projects/{code}/problems", new { title = "x", step = "nope" }), HttpStatusCode.BadRequest));
        Assert.Equal(Rules.UnknownProblem, await RuleOfAsync(await PostAsync("liaison-chen", $"/api/projects/{code}/problems/9/resolve", new { note = "x" }), HttpStatusCode.BadRequest));
        Assert.Equal(Rules.ProblemDepartmentUnknown, await RuleOfAsync(await PostAsync("liaison-chen", $"/api/projects/{code}/problems/1/assign", new { department = "nope" }), HttpStatusCode.BadRequest));
        Assert.Equal(Rules.ReasonRequired, await RuleOfAsync(await PostAsync("liaison-chen", $"/api/projects/{code}/problems/1/resolve", new JsonObject()), HttpStatusCode.BadRequest));
        Assert.Equal(Rules.RoleForbidden, await RuleOfAsync(await PostAsync("leader-li", $"/api/projects/{code}/problems/1/resolve", new { note = "x" }), HttpStatusCode.Forbidden));
        Assert.Equal(before, await api.SnapshotAsync(code));

        using (var resolved = await PostAsync("liaison-chen", $"/api/projects/{code}/problems/1/resolve", new { note = "done" }))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        Assert.Equal(Rules.ProblemResolved, await RuleOfAsync(await PostAsync("liaison-chen", $"/api/projects/{code}/problems/1/follow", new { note = "x" }), HttpStatusCode.Conflict));
        using var unknown = await (await api.As("liaison-chen")).GetAsync($"/api/projects/{code}/problems/2");
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
        var list = JsonNode.Parse(await (await api.As("ent-rail")).GetStringAsync($"/api/projects/{code}/problems"))!["items"]!.AsArray();
        Assert.Equal("resolved", Assert.Single(list)!["state"]!.GetValue<string>());
    }
}
