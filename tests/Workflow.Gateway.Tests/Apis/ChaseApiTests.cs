using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Workflow.Gateway.Tests;

/// <summary>Chasing (催办) a step over HTTP: who may, on what, how often; every refusal changes nothing.</summary>
public sealed class ChaseApiTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly LandFlowApi api = new(gateway);

    private async Task<string> WithLiaisonAsync()
    {
        var code = await api.RegisterAsync();
        using var assigned = await (await api.As("leader-li")).PostAsJsonAsync($"/api/projects/{code}/liaison", new { liaison = "liaison-chen" });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        await api.SubmitAllDocumentsAsync(code);
        return code;
    }

    [Fact]
    public async Task Chase_ByTheLiaison_IsRecordedInTheHistory()
    {
        var code = await WithLiaisonAsync();

        using var response = await (await api.As("liaison-chen")).PostAsJsonAsync($"/api/projects/{code}/steps/approval/chase", new { reason = "请本周内受理" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var chase = (await api.HistoryAsync(code)).Single(e => e!["kind"]!.GetValue<string>() == "chase")!;
        Assert.Equal("approval", chase["step"]!.GetValue<string>());
        Assert.Equal("liaison-chen", chase["actor"]!.GetValue<string>());
        Assert.Equal("请本周内受理", chase["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chase_TwiceOnOneWorkingDay_Returns409ChaseTooSoonAndChangesNothing()
    {
        var code = await WithLiaisonAsync();
        using var first = await (await api.As("leader-li")).PostAsJsonAsync($"/api/projects/{code}/steps/approval/chase", new { reason = "first" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var before = await api.SnapshotAsync(code);

        using var again = await (await api.As("liaison-chen")).PostAsJsonAsync($"/api/projects/{code}/steps/approval/chase", new { reason = "again" });

        Assert.Equal(Rules.ChaseTooSoon, (await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("rule").GetString());
        Assert.Equal(before, await api.SnapshotAsync(code));
    }

    [Theory]
    [InlineData("off-drc", HttpStatusCode.Forbidden, "role-forbidden")]
    [InlineData("admin", HttpStatusCode.Forbidden, "role-forbidden")]
    [InlineData("ent-rail", HttpStatusCode.Forbidden, "role-forbidden")]
    [InlineData("liaison-wang", HttpStatusCode.NotFound, null)]
    public async Task Chase_ByAnyoneElse_IsRefusedAndChangesNothing(string user, HttpStatusCode status, string? rule)
    {
        var code = await WithLiaisonAsync();
        var before = await api.SnapshotAsync(code);

        using var response = await (await api.As(user)).PostAsJsonAsync($"/api/projects/{code}/steps/approval/chase", new { reason = "x" });

        var problem = await ProblemAssert.IsProblemAsync(response, status);
        if (rule is not null)
        {
            Assert.Equal(rule, problem.GetProperty("rule").GetString());
        }

        Assert.Equal(before, await api.SnapshotAsync(code));
    }

    [Fact]
    public async Task Chase_WithoutReason_Returns400ReasonRequired()
    {
        var code = await WithLiaisonAsync();

        using var response = await (await api.As("liaison-chen")).PostAsJsonAsync($"/api/projects/{code}/steps/approval/chase", new JsonObject());

        Assert.Equal(Rules.ReasonRequired, (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Chase_DoneStep_Returns409StepState()
    {
        var code = await WithLiaisonAsync();
        await api.FinishAsync(code, "approval");

        using var response = await (await api.As("leader-li")).PostAsJsonAsync($"/api/projects/{code}/steps/approval/chase", new { reason = "x" });

        Assert.Equal(Rules.StepState, (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict)).GetProperty("rule").GetString());
    }
}
