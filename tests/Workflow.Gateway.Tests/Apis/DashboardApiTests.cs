using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Contracts;

namespace Workflow.Gateway.Tests;

/// <summary>The leaders' routes over the analytics read model: flat figures as API.md names them, the caller's scope
/// decided by the grain, bad queries as problems with a rule.</summary>
public sealed class DashboardApiTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Changxing = "330522";

    private readonly LandFlowApi api = new(gateway);

    [Fact]
    public async Task Bottlenecks_ProjectWaitingAtApproval_CountsItInItsCounty()
    {
        var leader = await api.As("leader-li");
        var before = await ApprovalWaitingAsync(leader);
        var code = await api.RegisterAsync(LandFlowApi.Registration(Changxing));
        await api.SubmitAllDocumentsAsync(code);
        await CatchUpAsync();

        var figures = await leader.GetFromJsonAsync<JsonElement>($"/api/dashboard/bottlenecks?county={Changxing}");

        Assert.Equal(before + 1, await ApprovalWaitingAsync(leader));
        var approval = figures.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == "approval");
        foreach (var name in new[] { "waiting", "yellow", "red", "medianDwellDays", "p90DwellDays", "onTimeRate" })
        {
            Assert.True(approval.TryGetProperty(name, out _), $"steps[] has no {name}");
        }

        var county = Assert.Single(figures.GetProperty("counties").EnumerateArray());
        Assert.Equal(Changxing, county.GetProperty("unit").GetString());
        Assert.True(county.TryGetProperty("onTimeRate", out _));
        Assert.True(figures.TryGetProperty("bottleneckStep", out _));
    }

    [Fact]
    public async Task Bottlenecks_CountyOfficer_SeesOnlyTheirCountyAndIsRefusedAnother()
    {
        var officer = await api.As("off-nr-changxing");

        var own = await officer.GetFromJsonAsync<JsonElement>("/api/dashboard/bottlenecks");
        using var other = await officer.GetAsync("/api/dashboard/bottlenecks?county=330502");

        Assert.All(own.GetProperty("counties").EnumerateArray(), c => Assert.Equal(Changxing, c.GetProperty("unit").GetString()));
        var problem = await ProblemAssert.IsProblemAsync(other, HttpStatusCode.Forbidden);
        Assert.Equal(Rules.DashboardScopeForbidden, problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Dashboard_Enterprise_Returns403RoleForbidden()
    {
        using var response = await (await api.As("ent-rail")).GetAsync("/api/dashboard/heatmap");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(Rules.RoleForbidden, problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Heatmap_Leader_RowsAreTheTemplatesStepsAndCellsAreFlat()
    {
        var heatmap = await (await api.As("leader-li")).GetFromJsonAsync<JsonElement>("/api/dashboard/heatmap");

        var steps = heatmap.GetProperty("steps").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Equal("approval", steps[0]);
        Assert.Equal("LAL_2020", heatmap.GetProperty("templateId").GetString());
        Assert.Equal(steps.Count * heatmap.GetProperty("counties").GetArrayLength(), heatmap.GetProperty("cells").GetArrayLength());
    }

    [Fact]
    public async Task Cells_WaitingProject_IsListedWithItsLiaisonAndDaysLeft()
    {
        var code = await api.RegisterAsync(LandFlowApi.Registration(Changxing));
        await api.SubmitAllDocumentsAsync(code);
        await CatchUpAsync();

        var page = await (await api.As("leader-li")).GetFromJsonAsync<JsonElement>($"/api/dashboard/cells?step=approval&county={Changxing}&state=received&pageSize=200");

        var item = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);
        Assert.Equal("received", item.GetProperty("state").GetString());
        Assert.True(item.GetProperty("workingDaysLeft").GetInt32() > 0);
    }

    [Theory]
    [InlineData("/api/dashboard/cells?step=approval&light=purple")]
    [InlineData("/api/dashboard/cells")]
    [InlineData("/api/dashboard/cells?step=approval&pageSize=0")]
    [InlineData("/api/dashboard/trend?weeks=0")]
    public async Task Dashboard_BadQuery_Returns400InvalidDashboardQuery(string url)
    {
        using var response = await (await api.As("leader-li")).GetAsync(url);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(Rules.InvalidDashboardQuery, problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Trend_Leader_AnswersTwelveWeeksWithRates()
    {
        var trend = await (await api.As("leader-li")).GetFromJsonAsync<JsonElement>("/api/dashboard/trend");

        var weeks = trend.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal(12, weeks.Count);
        Assert.Matches("^[0-9]{4}-W[0-9]{2}$", weeks[^1].GetProperty("week").GetString());
        Assert.True(weeks[^1].TryGetProperty("onTimeRate", out _));
    }

    private async Task<int> ApprovalWaitingAsync(HttpClient leader)
    {
        var figures = await leader.GetFromJsonAsync<JsonElement>($"/api/dashboard/bottlenecks?county={Changxing}");
        return figures.GetProperty("steps").EnumerateArray()
            .Where(s => s.GetProperty("step").GetString() == "approval")
            .Sum(s => s.GetProperty("waiting").GetInt32());
    }

    private Task CatchUpAsync() =>
        gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<IProjectionGrain>("analytics").CatchUpAsync();
}
