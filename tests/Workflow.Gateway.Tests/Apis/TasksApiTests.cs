using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Contracts;

namespace Workflow.Gateway.Tests;

/// <summary>The officer's desk, <c>GET /api/tasks</c>: a step is listed for exactly the officers who may act on it (their
/// department, their county or every county), oldest due first, filtered, paged, with counts; others are refused.</summary>
public sealed class TasksApiTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Wuxing = "330502";
    private const string Changxing = "330522";

    private readonly LandFlowApi api = new(gateway);

    [Fact]
    public async Task Tasks_StepOfADepartment_ListedForTheOfficersWhoMayActOnItOnly()
    {
        var changxing = await ToFarmlandBalanceReceivedAsync(Changxing);
        var wuxing = await ToFarmlandBalanceReceivedAsync(Wuxing);
        await CatchUpAsync();

        var county = await CodesAsync("off-nr-changxing", "step=farmland_balance");
        var city = await CodesAsync("off-nr", "step=farmland_balance");
        var otherDepartment = await CodesAsync("off-drc", "page=1");

        Assert.Contains(changxing, county);
        Assert.DoesNotContain(wuxing, county);
        Assert.Contains(changxing, city);
        Assert.Contains(wuxing, city);
        Assert.DoesNotContain(changxing, otherDepartment);

        // The list follows the acts: who does not see the task may not act on it; who sees it may.
        using (var hidden = await api.ActAsync(wuxing, "farmland_balance", "start", user: "off-nr-changxing"))
        {
            await ProblemAssert.IsProblemAsync(hidden, HttpStatusCode.NotFound);
        }

        using (var wrongDepartment = await api.ActAsync(changxing, "farmland_balance", "start", user: "off-drc"))
        {
            var problem = await ProblemAssert.IsProblemAsync(wrongDepartment, HttpStatusCode.Forbidden);
            Assert.Equal(Rules.WrongDepartment, problem.GetProperty("rule").GetString());
        }

        using var accepted = await api.ActAsync(changxing, "farmland_balance", "start", user: "off-nr-changxing");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Tasks_TwoStepsReceivedDaysApart_OldestDueFirst()
    {
        var first = await api.RegisterAsync(LandFlowApi.Registration(Wuxing));
        await api.SubmitAllDocumentsAsync(first);
        await api.AdvanceClockAsync("P7D");
        var second = await api.RegisterAsync(LandFlowApi.Registration(Wuxing));
        await api.SubmitAllDocumentsAsync(second);
        await CatchUpAsync();

        var page = await ListAsync("off-drc", "step=approval&pageSize=200");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        var codes = items.Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.True(codes.IndexOf(first) < codes.IndexOf(second), string.Join(", ", codes));
        var dues = items.Select(i => i.GetProperty("dueAt").ValueKind == JsonValueKind.Null ? DateTimeOffset.MaxValue : i.GetProperty("dueAt").GetDateTimeOffset()).ToList();
        Assert.Equal(dues.Order(), dues);
        var item = items.Single(i => i.GetProperty("code").GetString() == second);
        Assert.Equal("received", item.GetProperty("state").GetString());
        Assert.Equal("green", item.GetProperty("light").GetString());
        Assert.Equal("development-reform", item.GetProperty("department").GetString());
        Assert.True(item.GetProperty("workingDaysLeft").GetInt32() > 0);
        Assert.Equal("LAL_2020", item.GetProperty("templateId").GetString());
    }

    [Fact]
    public async Task Tasks_FiltersAndCounts_FollowTheStepAsItIsAccepted()
    {
        var code = await api.RegisterAsync(LandFlowApi.Registration(Wuxing));
        await api.SubmitAllDocumentsAsync(code);
        await CatchUpAsync();
        var received = await ListAsync("off-drc", $"text={code}");

        await api.DoAsync(code, "approval", "start");
        await CatchUpAsync();
        var inProgress = await ListAsync("off-drc", $"text={code}&state=in-progress");
        var stillReceived = await ListAsync("off-drc", $"text={code}&state=received");
        var red = await ListAsync("off-drc", $"text={code}&light=red");
        var byName = await ListAsync("off-drc", "text=市域铁路&pageSize=200");

        Assert.Equal(1, received.GetProperty("total").GetInt32());
        Assert.Equal(1, received.GetProperty("counts").GetProperty("received").GetInt32());
        Assert.Equal(0, received.GetProperty("counts").GetProperty("inProgress").GetInt32());
        Assert.Equal(1, received.GetProperty("counts").GetProperty("green").GetInt32());
        Assert.Equal(code, Assert.Single(inProgress.GetProperty("items").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(1, inProgress.GetProperty("counts").GetProperty("inProgress").GetInt32());
        Assert.Equal(0, inProgress.GetProperty("counts").GetProperty("received").GetInt32());
        Assert.Equal(0, stillReceived.GetProperty("total").GetInt32());
        Assert.Empty(red.GetProperty("items").EnumerateArray());
        Assert.Contains(code, byName.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Tasks_PageSizeOne_PagesOnTheServer()
    {
        for (var i = 0; i < 2; i++)
        {
            var code = await api.RegisterAsync(LandFlowApi.Registration(Wuxing));
            await api.SubmitAllDocumentsAsync(code);
        }

        await CatchUpAsync();

        var firstPage = await ListAsync("off-drc", "pageSize=1");
        var secondPage = await ListAsync("off-drc", "pageSize=1&page=2");

        Assert.True(firstPage.GetProperty("total").GetInt32() >= 2);
        Assert.Single(firstPage.GetProperty("items").EnumerateArray());
        Assert.NotEqual(
            firstPage.GetProperty("items")[0].GetProperty("code").GetString(),
            secondPage.GetProperty("items")[0].GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("ent-rail")]
    [InlineData("leader-li")]
    [InlineData("liaison-chen")]
    public async Task Tasks_NotAnOfficer_Returns403RoleForbidden(string user)
    {
        using var response = await (await api.As(user)).GetAsync("/api/tasks");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(Rules.RoleForbidden, problem.GetProperty("rule").GetString());
    }

    [Theory]
    [InlineData("/api/tasks?state=done")]
    [InlineData("/api/tasks?light=purple")]
    [InlineData("/api/tasks?pageSize=0")]
    [InlineData("/api/tasks?page=0")]
    public async Task Tasks_BadQuery_Returns400InvalidTaskQuery(string url)
    {
        using var response = await (await api.As("off-drc")).GetAsync(url);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(Rules.InvalidTaskQuery, problem.GetProperty("rule").GetString());
    }

    /// <summary>A project of <paramref name="county"/> whose approval is done, so its farmland balance step waits on natural resources.</summary>
    private async Task<string> ToFarmlandBalanceReceivedAsync(string county)
    {
        var code = await api.RegisterAsync(LandFlowApi.Registration(county));
        await api.SubmitAllDocumentsAsync(code);
        await api.FinishAsync(code, "approval");
        return code;
    }

    private async Task<JsonElement> ListAsync(string user, string query)
    {
        using var response = await (await api.As(user)).GetAsync("/api/tasks?" + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/api/tasks?{query} as {user} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<List<string?>> CodesAsync(string user, string query) =>
        [.. (await ListAsync(user, query + "&pageSize=200")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString())];

    private Task CatchUpAsync() =>
        gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<IProjectionGrain>("analytics").CatchUpAsync();
}
