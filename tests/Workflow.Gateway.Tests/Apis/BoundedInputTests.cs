using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Workflow.Domain;

namespace Workflow.Gateway.Tests;

/// <summary>Reasons, facts, document keys, pages and bodies past the limits (InputLimits) are refused and change nothing.</summary>
public sealed class BoundedInputTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly LandFlowApi api = new(gateway);

    [Fact]
    public async Task StepAction_ReasonOverTheLimit_Returns400ReasonTooLongAndChangesNothing()
    {
        var code = await StartedAsync();
        var body = new JsonObject { ["reason"] = new string('缺', InputLimits.MaxReasonLength + 1) };

        await AssertRefusedAsync(code, () => api.ActAsync(code, "approval", "suspend", body), Rules.ReasonTooLong);
    }

    [Fact]
    public async Task StepAction_FactsOverTheByteLimit_Returns400FactsTooLargeAndChangesNothing()
    {
        var code = await StartedAsync();
        var body = new JsonObject { ["reason"] = "补正", ["facts"] = new JsonObject { ["note"] = new string('x', InputLimits.MaxFactsBytes) } };

        await AssertRefusedAsync(code, () => api.ActAsync(code, "approval", "suspend", body), Rules.FactsTooLarge);
    }

    [Fact]
    public async Task StepAction_FactsTooDeepOrWithTooManyProperties_Returns400AndChangesNothing()
    {
        var code = await StartedAsync();
        var deep = JsonNode.Parse("""{"reason": "补正", "facts": {"a": {"b": {"c": {"d": {"e": {}}}}}}}""")!.AsObject();
        var wide = new JsonObject
        {
            ["reason"] = "补正",
            ["facts"] = new JsonObject(Enumerable.Range(0, InputLimits.MaxFactsProperties + 1).Select(i => KeyValuePair.Create<string, JsonNode?>($"p{i}", i))),
        };

        await AssertRefusedAsync(code, () => api.ActAsync(code, "approval", "suspend", deep), Rules.FactsTooDeep);
        await AssertRefusedAsync(code, () => api.ActAsync(code, "approval", "suspend", wide), Rules.FactsTooManyProperties);
    }

    [Fact]
    public async Task StepAction_AtEveryLimit_IsAcceptedWithinTheBodyLimit()
    {
        var code = await StartedAsync();
        // The client escapes each Chinese character as \uXXXX (6 bytes): the largest body a legitimate act sends.
        var body = new JsonObject
        {
            ["reason"] = new string('缺', InputLimits.MaxReasonLength),
            ["facts"] = new JsonObject { ["note"] = new string('x', InputLimits.MaxFactsBytes - 20) },
        };

        using var response = await api.ActAsync(code, "approval", "suspend", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(InputLimits.MaxReasonLength, (await api.HistoryAsync(code))[^1]!["reason"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task Withdraw_ReasonOverTheLimit_Returns400ReasonTooLongAndChangesNothing()
    {
        var code = await api.RegisterAsync();
        var body = new { reason = new string('撤', InputLimits.MaxReasonLength + 1) };

        await AssertRefusedAsync(code, async () => await (await api.As("ent-rail")).PostAsJsonAsync($"/api/projects/{code}/withdraw", body), Rules.ReasonTooLong);
    }

    [Theory]
    [InlineData(InputLimits.MaxDocumentKeyLength + 1)]
    [InlineData(0)]
    public async Task SubmitDocument_KeyOverTheLimitOrOutsideTheCharset_Returns400AndChangesNothing(int length)
    {
        var code = await api.RegisterAsync();
        var key = length == 0 ? "项目建议书" : new string('k', length);

        await AssertRefusedAsync(code, async () => await (await api.As("ent-rail")).PostAsJsonAsync($"/api/projects/{code}/documents", new { key }), Rules.InvalidDocumentKey);
    }

    [Theory]
    [InlineData("limit=0", "limit-out-of-range")]
    [InlineData("limit=501", "limit-out-of-range")]
    [InlineData("order=sideways", "invalid-order")]
    [InlineData("order=desc&after=2", "invalid-cursor")]
    [InlineData("before=2", "invalid-cursor")]
    [InlineData("after=-1", "invalid-cursor")]
    public async Task History_PageOutOfRange_Returns400WithItsRule(string query, string rule)
    {
        var code = await api.RegisterAsync();

        await AssertRefusedAsync(code, async () => await (await api.As("admin")).GetAsync($"/api/projects/{code}/history?{query}"), rule);
    }

    [Fact]
    public async Task StepAction_BodyOverTheGatewayLimit_Returns413ProblemAndChangesNothing()
    {
        var code = await StartedAsync();
        var before = await api.SnapshotAsync(code);
        var huge = "{\"reason\": \"" + new string('x', (int)GatewayServices.MaxRequestBodyBytes) + "\"}";
        using var body = new StringContent(huge, Encoding.UTF8, "application/json");

        using var response = await (await api.As("off-drc")).PostAsync($"/api/projects/{code}/steps/approval/suspend", body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("65,536", ProblemAssert.Detail(problem), StringComparison.Ordinal);
        Assert.Equal(before, await api.SnapshotAsync(code));
    }

    private async Task<string> StartedAsync()
    {
        var code = await api.RegisterAsync();
        await api.SubmitAllDocumentsAsync(code);
        await api.DoAsync(code, "approval", "start");
        return code;
    }

    private async Task AssertRefusedAsync(string code, Func<Task<HttpResponseMessage>> act, string rule)
    {
        var before = await api.SnapshotAsync(code);

        using var response = await act();

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        Assert.Equal(before, await api.SnapshotAsync(code));
    }
}
