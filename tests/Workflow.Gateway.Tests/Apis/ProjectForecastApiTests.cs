using System.Text.Json.Nodes;

namespace Workflow.Gateway.Tests;

/// <summary><c>GET /api/projects/{code}</c> carries the project's forecast (docs/forecasts.md). The embedded host has no
/// dwell history wired yet, so every step draws from its prior and says so.</summary>
public sealed class ProjectForecastApiTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly LandFlowApi api = new(gateway);

    [Fact]
    public async Task Status_ActiveProjectWithAnEarlyTarget_CarriesAForecastFlaggedAtRisk()
    {
        var now = await api.ClockAsync();
        var body = LandFlowApi.Registration();
        body["targetDate"] = DateOnly.FromDateTime(now.UtcDateTime).AddDays(30).ToString("yyyy-MM-dd");
        var code = await api.RegisterAsync(body);

        var forecast = (await api.StatusAsync(code))["forecast"]!;

        Assert.Equal(["approval"], forecast["stage"]!["steps"]!.AsArray().Select(s => s!.GetValue<string>()));
        var median = DateOnly.Parse(forecast["procedure"]!["median"]!.GetValue<string>());
        var p90 = DateOnly.Parse(forecast["procedure"]!["p90"]!.GetValue<string>());
        Assert.True(p90 >= median && median > DateOnly.Parse(forecast["stage"]!["median"]!.GetValue<string>()));
        Assert.True(forecast["atRisk"]!.GetValue<bool>());
        Assert.Equal(2000, forecast["runs"]!.GetValue<int>());
        Assert.All(forecast["pools"]!.AsArray(), p => Assert.Equal("prior", p!["pool"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Status_AfterAStepIsDone_ForecastsTheNextStage()
    {
        var code = await api.RegisterAsync();
        var before = (await api.StatusAsync(code))["forecast"]!;

        await api.SubmitAllDocumentsAsync(code);
        await api.FinishAsync(code, "approval");
        var after = (await api.StatusAsync(code))["forecast"]!;

        Assert.False(before["atRisk"]!.GetValue<bool>());
        Assert.DoesNotContain("approval", after["stage"]!["steps"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.DoesNotContain(after["pools"]!.AsArray(), p => p!["step"]!.GetValue<string>() == "approval");
        Assert.Null((await api.StatusAsync(code))["forecast"]!["targetDate"]);
    }
}
