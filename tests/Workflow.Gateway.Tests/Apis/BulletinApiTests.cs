using System.Net;

namespace Workflow.Gateway.Tests;

/// <summary>GET /api/dashboard/bulletin refuses a malformed week or format before any grain is asked.</summary>
public sealed class BulletinApiTests
{
    [Theory]
    [InlineData("week=2026-49", Rules.InvalidWeek)]
    [InlineData("week=2026-W54", Rules.InvalidWeek)]
    [InlineData("week=2025-W53", Rules.InvalidWeek)]
    [InlineData("week=2026-W49&format=pdf", Rules.InvalidBulletinFormat)]
    public async Task GetBulletin_MalformedQuery_Returns400NamingTheRule(string query, string rule)
    {
        await using var gateway = await GatewayFixture.StartAsync();
        var leader = await new LandFlowApi(gateway).As("leader-li");

        using var response = await leader.GetAsync($"/api/dashboard/bulletin?{query}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task GetBulletin_WithoutToken_Returns401()
    {
        await using var gateway = await GatewayFixture.StartAsync();

        using var response = await gateway.AnonymousClient.GetAsync("/api/dashboard/bulletin?week=2026-W49");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
