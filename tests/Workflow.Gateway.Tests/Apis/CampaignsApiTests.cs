using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Contracts;

namespace Workflow.Gateway.Tests;

/// <summary>/api/campaigns: a leader opens a campaign, its progress counts the completions the analytics read model holds
/// in its scope and window; everything else is refused with a problem naming its rule, and changes nothing.</summary>
public sealed class CampaignsApiTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Changxing = "330522";

    private readonly LandFlowApi api = new(gateway);

    [Fact]
    public async Task Campaign_OverStepsTheTestCompletes_ProgressCountsThemWeekByWeek()
    {
        var (leader, officer) = (await api.As("leader-li"), await api.As("off-nr-changxing"));
        var codes = new[] { await api.RegisterAsync(LandFlowApi.Registration(Changxing)), await api.RegisterAsync(LandFlowApi.Registration(Changxing)) };
        var today = DateOnly.FromDateTime((await api.ClockAsync()).ToOffset(TimeSpan.FromHours(8)).DateTime);
        var (projectsId, stepsId) = (NewId(), NewId());

        using (var opened = await leader.PostAsJsonAsync("/api/campaigns", Projects(projectsId, codes, today)))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            Assert.Equal($"/api/campaigns/{projectsId}", opened.Headers.Location?.OriginalString);
            var campaign = JsonNode.Parse(await opened.Content.ReadAsStringAsync())!;
            Assert.Equal(0, campaign["completions"]!.GetValue<long>());
            Assert.Equal("on-track", campaign["verdict"]!.GetValue<string>());
            var window = campaign["weeks"]!.AsArray();
            Assert.Equal(Day(today), window[0]!["first"]!.GetValue<string>());
            Assert.Equal(Day(today.AddDays(55)), window[^1]!["last"]!.GetValue<string>());
        }

        await CatchUpAsync();
        using (var opened = await leader.PostAsJsonAsync("/api/campaigns", Steps(stepsId, today)))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        }

        var approvalsBefore = (await ReadAsync(leader, stepsId))["completions"]!.GetValue<long>();
        foreach (var code in codes)
        {
            await api.SubmitAllDocumentsAsync(code);
            await api.FinishAsync(code, "approval");
        }

        await CatchUpAsync();

        var projects = await ReadAsync(leader, projectsId);
        Assert.Equal(2, projects["completions"]!.GetValue<long>());
        Assert.Equal("met", projects["verdict"]!.GetValue<string>());
        var weeks = projects["weeks"]!.AsArray();
        Assert.Equal(2, weeks.Sum(w => w!["completions"]!.GetValue<long>()));
        Assert.Equal(2, weeks[^1]!["cumulative"]!.GetValue<long>());
        Assert.Equal(2.0, weeks[^1]!["targetLine"]!.GetValue<double>(), 9);
        Assert.Equal((await ReadAsync(leader, stepsId))["completions"]!.GetValue<long>(), approvalsBefore + 2);

        // Listed with its verdict; the county's officer reads the campaign for their county alone, not the one over projects.
        var listed = JsonNode.Parse(await leader.GetStringAsync("/api/campaigns"))!["items"]!.AsArray();
        Assert.Equal("met", listed.Single(c => c!["id"]!.GetValue<string>() == projectsId)!["verdict"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/campaigns/{stepsId}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await officer.GetAsync($"/api/campaigns/{projectsId}"), HttpStatusCode.NotFound);
        var officerList = await ListedIdsAsync(officer);
        Assert.Contains(stepsId, officerList);
        Assert.DoesNotContain(projectsId, officerList);
    }

    [Fact]
    public async Task OpenCampaign_RepeatedOrRefused_SameTermsAnswerItOtherwiseItsRuleAndNothingOpened()
    {
        var (leader, officer) = (await api.As("leader-li"), await api.As("off-nr-changxing"));
        var today = DateOnly.FromDateTime((await api.ClockAsync()).ToOffset(TimeSpan.FromHours(8)).DateTime);
        var id = NewId();
        var good = Steps(id, today);

        await AssertRuleAsync(await officer.PostAsJsonAsync("/api/campaigns", good), HttpStatusCode.Forbidden, Rules.RoleForbidden);
        await AssertRuleAsync(await leader.PostAsJsonAsync("/api/campaigns", good with { Last = "2026-13-01" }), HttpStatusCode.BadRequest, Rules.InvalidCampaign);
        await AssertRuleAsync(await leader.PostAsJsonAsync("/api/campaigns", good with { Steps = ["no_such_step"] }), HttpStatusCode.BadRequest, Rules.InvalidCampaign);
        await AssertRuleAsync(await leader.PostAsJsonAsync("/api/campaigns", good with { Target = new(10, 0.9) }), HttpStatusCode.BadRequest, Rules.InvalidCampaign);
        await AssertRuleAsync(await leader.PostAsJsonAsync("/api/campaigns", good with { Counties = ["999999"] }), HttpStatusCode.BadRequest, Rules.InvalidCampaign);
        await AssertRuleAsync(await leader.PostAsJsonAsync("/api/campaigns", good with { Id = "bad/id" }), HttpStatusCode.BadRequest, Rules.InvalidCampaign);

        Assert.DoesNotContain(id, await ListedIdsAsync(leader));
        await ProblemAssert.IsProblemAsync(await leader.GetAsync($"/api/campaigns/{id}"), HttpStatusCode.NotFound);

        using var opened = await leader.PostAsJsonAsync("/api/campaigns", good);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var openedAt = JsonNode.Parse(await opened.Content.ReadAsStringAsync())!["openedAt"]!.ToJsonString();
        using (var again = await leader.PostAsJsonAsync("/api/campaigns", good))
        {
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
            Assert.Equal(openedAt, JsonNode.Parse(await again.Content.ReadAsStringAsync())!["openedAt"]!.ToJsonString());
        }

        await AssertRuleAsync(await leader.PostAsJsonAsync("/api/campaigns", good with { Title = "另一场攻坚" }), HttpStatusCode.Conflict, Rules.CampaignExists);
        Assert.Equal("四季度用地报批攻坚", (await ReadAsync(leader, id))["title"]!.GetValue<string>());
        Assert.Single(await ListedIdsAsync(leader), listed => listed == id);
    }

    [Fact]
    public async Task GetCampaign_UnknownId_Returns404()
    {
        using var response = await (await api.As("leader-li")).GetAsync($"/api/campaigns/{NewId()}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Campaigns_WithoutToken_Return401()
    {
        using var response = await gateway.AnonymousClient.GetAsync("/api/campaigns");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string NewId() => "ct-" + Guid.NewGuid().ToString("N")[..10];

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    // Eight weeks from today: the test's completions fall inside.
    private static CampaignsApi.OpenCampaignRequest Projects(string id, IReadOnlyList<string> codes, DateOnly today) => new(
        id, "示范段报批攻坚", Day(today), Day(today.AddDays(55)), codes, null, null, null, new(2, null));

    private static CampaignsApi.OpenCampaignRequest Steps(string id, DateOnly today) => new(
        id, "四季度用地报批攻坚", Day(today), Day(today.AddDays(55)), null, "land-acquisition", ["approval"], [Changxing], new(null, 0.9));

    private static async Task<JsonNode> ReadAsync(HttpClient client, string id) =>
        JsonNode.Parse(await client.GetStringAsync($"/api/campaigns/{id}"))!;

    private static async Task<List<string>> ListedIdsAsync(HttpClient client) =>
        [.. JsonNode.Parse(await client.GetStringAsync("/api/campaigns"))!["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>())];

    private static async Task AssertRuleAsync(HttpResponseMessage response, HttpStatusCode status, string rule)
    {
        using (response)
        {
            var problem = await ProblemAssert.IsProblemAsync(response, status);
            Assert.Equal(rule, problem.GetProperty("rule").GetString());
        }
    }

    private Task CatchUpAsync() =>
        gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<IProjectionGrain>("analytics").CatchUpAsync();
}
