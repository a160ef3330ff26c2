using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Workflow.Gateway.Tests;

/// <summary>The role and data-scope rules of API.md, each checked to change nothing when refused.</summary>
public sealed class ProjectAccessTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly LandFlowApi api = new(gateway);

    [Fact]
    public async Task Get_AnotherEnterprisesProject_Returns404AsIfItDidNotExist()
    {
        var code = await api.RegisterAsync();
        var park = await api.As("ent-park");

        await ProblemAssert.IsProblemAsync(await park.GetAsync($"/api/projects/{code}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await park.GetAsync($"/api/projects/{code}/history"), HttpStatusCode.NotFound);
        var list = JsonNode.Parse(await park.GetStringAsync("/api/projects?pageSize=200"))!;
        Assert.DoesNotContain(list["items"]!.AsArray(), i => i!["code"]!.GetValue<string>() == code);
        Assert.Equal(HttpStatusCode.OK, (await (await api.As("ent-rail")).GetAsync($"/api/projects/{code}")).StatusCode);
    }

    [Fact]
    public async Task Liaison_SeesOnlyAssignedProjects_OnceALeaderAssignsIt()
    {
        var code = await api.RegisterAsync();
        var chen = await api.As("liaison-chen");
        await ProblemAssert.IsProblemAsync(await chen.GetAsync($"/api/projects/{code}"), HttpStatusCode.NotFound);

        using var assigned = await (await api.As("leader-li")).PostAsJsonAsync($"/api/projects/{code}/liaison", new { liaison = "liaison-chen" });

        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chen.GetAsync($"/api/projects/{code}")).StatusCode);
        var list = JsonNode.Parse(await chen.GetStringAsync("/api/projects?pageSize=200"))!;
        Assert.All(list["items"]!.AsArray(), i => Assert.Equal("liaison-chen", i!["liaison"]!.GetValue<string>()));
        Assert.Contains(list["items"]!.AsArray(), i => i!["code"]!.GetValue<string>() == code);
        await ProblemAssert.IsProblemAsync(await (await api.As("liaison-wang")).GetAsync($"/api/projects/{code}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AssignLiaison_ByAnEnterprise_Returns403AndChangesNothing()
    {
        var code = await api.RegisterAsync();
        var before = await api.SnapshotAsync(code);

        using var response = await (await api.As("ent-rail")).PostAsJsonAsync($"/api/projects/{code}/liaison", new { liaison = "liaison-chen" });

        Assert.Equal(Rules.RoleForbidden, (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden)).GetProperty("rule").GetString());
        Assert.Equal(before, await api.SnapshotAsync(code));
    }

    [Fact]
    public async Task AssignLiaison_UnknownUser_Returns400AndChangesNothing()
    {
        var code = await api.RegisterAsync();
        var before = await api.SnapshotAsync(code);

        using var response = await (await api.As("admin")).PostAsJsonAsync($"/api/projects/{code}/liaison", new { liaison = "off-finance" });

        Assert.Equal("unknown-liaison", (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("rule").GetString());
        Assert.Equal(before, await api.SnapshotAsync(code));
    }

    [Fact]
    public async Task Officer_OfAnotherCounty_Returns404AndChangesNothing()
    {
        var code = await api.RegisterAsync();
        await api.SubmitAllDocumentsAsync(code);
        var before = await api.SnapshotAsync(code);
        var changxing = await api.As("off-nr-changxing");

        await ProblemAssert.IsProblemAsync(await changxing.GetAsync($"/api/projects/{code}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await api.ActAsync(code, "survey", "start", user: "off-nr-changxing"), HttpStatusCode.NotFound);
        Assert.Equal(before, await api.SnapshotAsync(code));
    }

    [Fact]
    public async Task Officer_OfItsCounty_ReadsAndWorksItsDepartmentsSteps()
    {
        var code = await api.RegisterAsync(LandFlowApi.Registration(county: "330522"));
        await api.SubmitAllDocumentsAsync(code);
        await api.FinishAsync(code, "approval");
        await api.DoAsync(code, "pre_announcement", "start");

        using var response = await api.ActAsync(code, "survey", "start", user: "off-nr-changxing");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Enterprise_ActingOnAStep_Returns403AndChangesNothing()
    {
        var code = await api.RegisterAsync();
        await api.SubmitAllDocumentsAsync(code);
        var before = await api.SnapshotAsync(code);

        var problem = await ProblemAssert.IsProblemAsync(await api.ActAsync(code, "approval", "start", user: "ent-rail"), HttpStatusCode.Forbidden);
        Assert.Equal(Rules.RoleForbidden, problem.GetProperty("rule").GetString());
        Assert.Equal(before, await api.SnapshotAsync(code));
    }

    [Theory]
    [InlineData("off-drc")]
    [InlineData("liaison-chen")]
    [InlineData("leader-li")]
    public async Task Register_ByARoleThatMayNot_Returns403(string user)
    {
        using var response = await (await api.As(user)).PostAsJsonAsync("/api/projects", LandFlowApi.Registration());

        Assert.Equal(Rules.RoleForbidden, (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden)).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Register_EnterpriseForAnotherOwner_Returns403()
    {
        using var response = await (await api.As("ent-park")).PostAsJsonAsync("/api/projects", LandFlowApi.Registration());

        Assert.Equal("not-your-enterprise", (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden)).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Register_AdminForAnEnterprise_Returns201()
    {
        var code = await api.RegisterAsync(LandFlowApi.Registration(county: "330523", uscc: "91330523MA2LTY030G"), user: "admin");

        Assert.Equal(HttpStatusCode.OK, (await (await api.As("ent-anji")).GetAsync($"/api/projects/{code}")).StatusCode);
    }

    [Fact]
    public async Task Withdraw_ByAnotherEnterpriseOrAnOfficer_IsRefusedAndChangesNothing()
    {
        var code = await api.RegisterAsync();
        var before = await api.SnapshotAsync(code);

        await ProblemAssert.IsProblemAsync(await (await api.As("ent-park")).PostAsJsonAsync($"/api/projects/{code}/withdraw", new { reason = "x" }), HttpStatusCode.NotFound);
        var problem = await ProblemAssert.IsProblemAsync(await (await api.As("off-drc")).PostAsJsonAsync($"/api/projects/{code}/withdraw", new { reason = "x" }), HttpStatusCode.Forbidden);
        Assert.Equal("owner-only", problem.GetProperty("rule").GetString());
        Assert.Equal(before, await api.SnapshotAsync(code));

        using var withdrawn = await (await api.As("ent-rail")).PostAsJsonAsync($"/api/projects/{code}/withdraw", new { reason = "线路调整" });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("withdrawn", (await api.StatusAsync(code))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task SubmitDocument_ByAnOfficer_Returns403AndChangesNothing()
    {
        var code = await api.RegisterAsync();
        var before = await api.SnapshotAsync(code);

        using var response = await (await api.As("off-drc")).PostAsJsonAsync($"/api/projects/{code}/documents", new { key = "project-proposal" });

        Assert.Equal("owner-only", (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden)).GetProperty("rule").GetString());
        Assert.Equal(before, await api.SnapshotAsync(code));
    }

    [Fact]
    public async Task Quota_EnterpriseReadsOrAnyoneButAdminDeposits_Returns403()
    {
        var read = await ProblemAssert.IsProblemAsync(await (await api.As("ent-rail")).GetAsync("/api/quota/330502"), HttpStatusCode.Forbidden);
        Assert.Equal(Rules.RoleForbidden, read.GetProperty("rule").GetString());
        using var deposit = await (await api.As("leader-li")).PostAsJsonAsync("/api/quota/330502/lots",
            new { lotId = "L-X", source = "x", areaMu = 10, paddyMu = 1, grade = 5, certifiedOn = "2025-01-01" });
        Assert.Equal(Rules.RoleForbidden, (await ProblemAssert.IsProblemAsync(deposit, HttpStatusCode.Forbidden)).GetProperty("rule").GetString());
        Assert.DoesNotContain((await api.QuotaAsync("330502"))["lots"]!.AsArray(), l => l!["lotId"]!.GetValue<string>() == "L-X");
    }

    [Fact]
    public async Task Quota_CountyOfficerReadsAnotherCountysPool_Returns403QuotaCountyForbidden()
    {
        var changxing = await api.As("off-nr-changxing");

        var problem = await ProblemAssert.IsProblemAsync(await changxing.GetAsync("/api/quota/330502"), HttpStatusCode.Forbidden);

        Assert.Equal("quota-county-forbidden", problem.GetProperty("rule").GetString());
        Assert.Equal(HttpStatusCode.OK, (await changxing.GetAsync("/api/quota/330522")).StatusCode);
    }

    [Fact]
    public async Task Quota_UnknownCounty_Returns404() =>
        await ProblemAssert.IsProblemAsync(await (await api.As("admin")).GetAsync("/api/quota/999999"), HttpStatusCode.NotFound);

    [Fact]
    public async Task Quota_TransferByALeader_Returns403AndChangesNothing()
    {
        var before = (await api.QuotaAsync("330523")).ToJsonString();

        using var response = await (await api.As("leader-li")).PostAsJsonAsync("/api/quota/transfers",
            new { transferId = "T-LEADER", from = "330523", to = "330503", areaMu = 1, paddyMu = 0, price = 1, approvedBy = "李局长" });

        Assert.Equal(Rules.RoleForbidden, (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden)).GetProperty("rule").GetString());
        Assert.Equal(before, (await api.QuotaAsync("330523")).ToJsonString());
    }

    [Fact]
    public async Task Reserve_CountyOfficerNamingAnotherCountysPool_Returns403AndChangesNothing()
    {
        var code = await api.RegisterAsync(LandFlowApi.Registration(county: "330522"));
        await api.ToFarmlandBalanceAsync(code);
        var before = await api.SnapshotAsync(code);
        var pool = (await api.QuotaAsync("330502")).ToJsonString();

        using var response = await api.ActAsync(code, "farmland_balance", "reserve",
            new JsonObject { ["facts"] = new JsonObject { ["counties"] = new JsonArray("330502") } }, user: "off-nr-changxing");

        Assert.Equal("quota-county-forbidden", (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden)).GetProperty("rule").GetString());
        Assert.Equal(before, await api.SnapshotAsync(code));
        Assert.Equal(pool, (await api.QuotaAsync("330502")).ToJsonString());
    }

    [Fact]
    public async Task List_MalformedFilter_Returns400InvalidListFilter()
    {
        var problem = await ProblemAssert.IsProblemAsync(await (await api.As("admin")).GetAsync("/api/projects?light=purple"), HttpStatusCode.BadRequest);

        Assert.Equal("invalid-list-filter", problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task AnyApiRoute_WithoutAToken_Returns401Problem()
    {
        await ProblemAssert.IsProblemAsync(await gateway.AnonymousClient.GetAsync("/api/projects"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await gateway.AnonymousClient.GetAsync("/api/quota/330502"), HttpStatusCode.Unauthorized);
    }
}
