using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Workflow.Gateway.Tests;

public sealed class MalformedInputTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly LandFlowApi api = new(gateway);

    [Fact]
    public async Task StepAction_MalformedJson_Returns400AndChangesNothing()
    {
        var code = await api.RegisterAsync();
        await api.SubmitAllDocumentsAsync(code);
        var before = await api.SnapshotAsync(code);
        using var body = new StringContent("{\"reason\": \"受理\", \"facts\": {", Encoding.UTF8, "application/json");

        using var response = await (await api.As("off-drc")).PostAsync($"/api/projects/{code}/steps/approval/start", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await api.SnapshotAsync(code));
    }

    [Fact]
    public async Task Register_MalformedJson_Returns400AndRegistersNothing()
    {
        var client = await api.As("ent-rail");
        var before = await client.GetStringAsync("/api/projects?pageSize=200");
        using var body = new StringContent("{\"name\": \"半截\", \"areaMu\": ", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/projects", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await client.GetStringAsync("/api/projects?pageSize=200"));
    }

    [Fact]
    public async Task Register_MissingFields_Returns400NamingThem()
    {
        using var response = await (await api.As("ent-rail")).PostAsJsonAsync("/api/projects", new { name = "只有名字" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("ownerUscc", out _));
    }

    [Theory]
    [InlineData("2613-330502-20-01-000010")] // month 13 (a code is checked for structure; its check character is not ours to enforce)
    [InlineData("2603-330502-20-01-00001")]
    [InlineData("not-a-code")]
    public async Task Register_InvalidProjectCode_Returns400(string code)
    {
        using var response = await (await api.As("admin")).PostAsJsonAsync("/api/projects", LandFlowApi.Registration(code: code));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid-project-code", problem.GetProperty("rule").GetString());
        await ProblemAssert.IsProblemAsync(await (await api.As("admin")).GetAsync($"/api/projects/{code}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Get_ValidButUnknownCode_Returns404()
    {
        var unknown = Workflow.Domain.ProjectCode.Create(new DateOnly(2026, 3, 1), "330502", "01", 99_999).Value;

        using var response = await (await api.As("admin")).GetAsync($"/api/projects/{unknown}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StepAction_BodyOverTheLimit_Returns413AndChangesNothing()
    {
        var code = await api.RegisterAsync();
        await api.SubmitAllDocumentsAsync(code);
        var before = await api.SnapshotAsync(code);
        // Just over the limit: a body many times larger can still be on its way when Kestrel answers 413 and closes
        // the connection, and the client then sees a reset instead of the answer.
        var huge = "{\"reason\": \"" + new string('x', (int)GatewayServices.MaxRequestBodyBytes + 4096) + "\"}";
        using var body = new StringContent(huge, Encoding.UTF8, "application/json");

        using var response = await (await api.As("off-drc")).PostAsync($"/api/projects/{code}/steps/approval/start", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await api.SnapshotAsync(code));
    }

    [Fact]
    public async Task List_InvalidFilter_Returns400()
    {
        await ProblemAssert.IsProblemAsync(await (await api.As("admin")).GetAsync("/api/projects?light=purple"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await (await api.As("admin")).GetAsync("/api/projects?pageSize=5000"), HttpStatusCode.BadRequest);
    }
}
