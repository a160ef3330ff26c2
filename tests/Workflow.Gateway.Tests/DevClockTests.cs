using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflow.Gateway.Tests;

public sealed class DevClockTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Clock_Get_ReturnsNowWithOffset()
    {
        var now = await ReadClockAsync();

        Assert.NotEqual(default, now);
    }

    [Theory]
    [InlineData("P30D", 30 * 24 * 60)]
    [InlineData("PT2H", 120)]
    [InlineData("P1W", 7 * 24 * 60)]
    [InlineData("P1DT12H", 36 * 60)]
    public async Task Clock_Advance_MovesForwardByTheDuration(string duration, int minutes)
    {
        var before = await ReadClockAsync();

        using var response = await gateway.AnonymousClient.PostAsJsonAsync("/api/dev/clock", new { advance = duration });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = NowOf(await response.Content.ReadFromJsonAsync<JsonElement>());
        AssertClose(before.AddMinutes(minutes), after);
        AssertClose(after, await ReadClockAsync());
    }

    [Fact]
    public async Task Clock_MoveToLaterInstant_MovesThere()
    {
        var target = (await ReadClockAsync()).AddDays(3);

        using var response = await gateway.AnonymousClient.PostAsJsonAsync("/api/dev/clock", new { now = target.ToString("O") });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertClose(target, await ReadClockAsync());
    }

    [Fact]
    public async Task Clock_MoveToEarlierInstant_Returns409ProblemWithRuleAndKeepsTime()
    {
        var before = await ReadClockAsync();

        using var response = await gateway.AnonymousClient.PostAsJsonAsync(
            "/api/dev/clock", new { now = before.AddDays(-1).ToString("O") });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("clock-backwards", problem.GetProperty("rule").GetString());
        AssertClose(before, await ReadClockAsync());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"now\": \"2030-01-01T00:00:00+08:00\", \"advance\": \"P1D\"}")]
    [InlineData("{\"advance\": \"P1M\"}")]
    [InlineData("{\"advance\": \"thirty days\"}")]
    [InlineData("{\"now\": \"2030-01-01T00:00:00\"}")]
    [InlineData("{\"now\": \"soon\"}")]
    [InlineData("{\"advance\": ")]
    public async Task Clock_MalformedMove_Returns400Problem(string json)
    {
        var before = await ReadClockAsync();
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await gateway.AnonymousClient.PostAsync("/api/dev/clock", content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        AssertClose(before, await ReadClockAsync());
    }

    [Fact]
    public async Task Clock_AdvancedThirtyDays_ExistingTokenStillAccepted()
    {
        var client = await gateway.ClientForAsync("admin");

        using var moved = await gateway.AnonymousClient.PostAsJsonAsync("/api/dev/clock", new { advance = "P30D" });
        using var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<DateTimeOffset> ReadClockAsync()
    {
        using var response = await gateway.AnonymousClient.GetAsync("/api/dev/clock");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return NowOf(await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static DateTimeOffset NowOf(JsonElement body) => body.GetProperty("now").GetDateTimeOffset();

    /// <summary>The platform clock keeps running while the test talks to it: allow a few seconds.</summary>
    private static void AssertClose(DateTimeOffset expected, DateTimeOffset actual)
    {
        Assert.InRange(actual, expected, expected.AddSeconds(10));
    }
}
