using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Hosting;

namespace Workflow.Gateway.Tests;

/// <summary>A cluster-mode gateway whose silo goes away: what its callers see, over real HTTP and a real silo.</summary>
public sealed class FailoverProblemTests
{
    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task Act_NoSiloLeft_Answers503WithRetryAfterAndNotApplied()
    {
        await using var silo = await TestSilo.StartAsync();
        await using var gateway = await GatewayFixture.StartAsync(silo.ClusterSettings(Key), Retries(TimeSpan.FromSeconds(1)));
        var code = await RegisterAsync(gateway);
        var officer = ClientAs(gateway, "off-drc");

        await silo.StopAsync();
        using var response = await officer.PostAsync($"/api/projects/{code}/steps/approval/start", null);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal("no", problem.GetProperty("applied").GetString());
    }

    [Fact]
    public async Task Status_NoSiloLeft_Answers503WithRetryAfter()
    {
        await using var silo = await TestSilo.StartAsync();
        await using var gateway = await GatewayFixture.StartAsync(silo.ClusterSettings(Key), Retries(TimeSpan.FromSeconds(1)));
        var code = await RegisterAsync(gateway);

        await silo.StopAsync();
        using var response = await ClientAs(gateway, "admin").GetAsync($"/api/projects/{code}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Status_SiloBackWithinTheRetryBudget_Answers200FromTheNewSilo()
    {
        await using var silo = await TestSilo.StartAsync();
        await using var gateway = await GatewayFixture.StartAsync(silo.ClusterSettings(Key), Retries(TimeSpan.FromSeconds(60)));
        var code = await RegisterAsync(gateway);
        var admin = ClientAs(gateway, "admin");

        await silo.StopAsync();
        var status = admin.GetAsync($"/api/projects/{code}");
        await silo.StartAgainAsync();
        using var response = await status;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("code").GetString());
    }

    private static Action<IServiceCollection> Retries(TimeSpan budget) => services => services.Configure<GrainCallOptions>(o =>
    {
        o.RetryBudget = budget;
        o.FirstDelay = TimeSpan.FromMilliseconds(50);
        o.MaxDelay = TimeSpan.FromMilliseconds(250);
    });

    private static HttpClient ClientAs(GatewayFixture gateway, string user) => gateway.CreateClientAs(user);

    private static async Task<string> RegisterAsync(GatewayFixture gateway)
    {
        using var response = await ClientAs(gateway, "ent-rail").PostAsJsonAsync("/api/projects", LandFlowApi.Registration());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"register answered {(int)response.StatusCode}: {text}");
        return System.Text.Json.Nodes.JsonNode.Parse(text)!["code"]!.GetValue<string>();
    }
}
