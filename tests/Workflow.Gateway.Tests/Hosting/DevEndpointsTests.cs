using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace Workflow.Gateway.Tests;

/// <summary>The development routes (tokens for any demo user, the movable clock) exist only in the embedded host, on
/// loopback; any configuration that would expose them refuses to start.</summary>
public sealed class DevEndpointsTests
{
    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Theory]
    [InlineData(null, null, null, true)]
    [InlineData("http://127.0.0.1:5000", null, null, true)]
    [InlineData("http://localhost:5000;http://[::1]:5001", null, null, true)]
    [InlineData("http://0.0.0.0:5000", null, null, false)]
    [InlineData("http://*:8080", null, null, false)]
    [InlineData("http://127.0.0.1:5000;http://10.1.2.3:5000", null, null, false)]
    [InlineData("http://127.0.0.1:5000", "false", null, false)]
    [InlineData("http://127.0.0.1:5000", "true", null, true)]
    [InlineData("http://127.0.0.1:5000", null, "cluster", false)]
    [InlineData("http://127.0.0.1:5000", "true", "cluster", true)]
    public void Decide_AddressesAndSetting_EnableOnlyOnLoopback(string? urls, string? devEndpoints, string? mode, bool enabled)
    {
        var decision = DevEndpoints.Decide(Configuration(("urls", urls), (LandFlowSettings.DevEndpoints, devEndpoints), (LandFlowSettings.Mode, mode)));

        Assert.Equal(enabled, decision.Enabled);
    }

    [Theory]
    [InlineData("urls", "http://0.0.0.0:5000", null)]
    [InlineData("http_ports", "8080", null)]
    [InlineData("urls", "http://127.0.0.1:5000;http://192.0.2.10:5000", "cluster")]
    public void Decide_TrueOnNonLoopbackAddress_RefusesWithClearMessage(string key, string value, string? mode)
    {
        var configuration = Configuration((key, value), (LandFlowSettings.DevEndpoints, "true"), (LandFlowSettings.Mode, mode));

        var error = Assert.Throws<InvalidOperationException>(() => DevEndpoints.Decide(configuration));

        Assert.Contains("not a loopback address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbeddedHost_BoundToEveryInterface_ServesNoDevRoute()
    {
        await using var gateway = await GatewayFixture.StartAsync(new Dictionary<string, string?> { ["urls"] = "http://0.0.0.0:0" });

        using var token = await gateway.AnonymousClient.PostAsJsonAsync("/api/dev/token", new { user = "admin" });
        using var users = await gateway.AnonymousClient.GetAsync("/api/dev/users");
        using var live = await gateway.AnonymousClient.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        await ProblemAssert.IsProblemAsync(token, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(users, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EmbeddedHost_DevEndpointsTrueOnEveryInterface_RefusesToStart()
    {
        var settings = new Dictionary<string, string?> { ["urls"] = "http://0.0.0.0:0", [LandFlowSettings.DevEndpoints] = "true" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayFixture.StartAsync(settings));

        Assert.Contains("not a loopback address", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterGateway_NoSettings_RefusesToStartNamingWhatIsMissing()
    {
        await using var gateway = ClusterGatewayProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePorts.Next()}",
        });

        Assert.True(await gateway.WaitForExitAsync(TimeSpan.FromSeconds(60)), "The cluster gateway kept running without settings.");
        Assert.NotEqual(0, gateway.ExitCode);
        Assert.Contains(LandFlowSettings.Gateways, gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterGateway_DevEndpointsTrue_RefusesToStart()
    {
        await using var gateway = ClusterGatewayProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePorts.Next()}",
            ["LandFlow__DevEndpoints"] = "true",
        });

        Assert.True(await gateway.WaitForExitAsync(TimeSpan.FromSeconds(60)), "The cluster gateway started with LandFlow:DevEndpoints=true.");
        Assert.NotEqual(0, gateway.ExitCode);
        Assert.Contains("has no development routes", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterGateway_StartedWithASilo_ServesNoDevRoute()
    {
        await using var silo = await TestSilo.StartAsync();
        var port = FreePorts.Next();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["LandFlow__Gateways"] = $"127.0.0.1:{silo.GatewayPort}",
            ["LandFlow__Auth__SigningKey"] = Key,
        };

        // The silo admits only clients with a certificate of its authority.
        foreach (var (key, value) in TestCertificates.Cluster.Settings())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        await using var gateway = ClusterGatewayProcess.Start(environment);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await gateway.WaitUntilLiveAsync(client, TimeSpan.FromSeconds(60));

        using var token = await client.PostAsJsonAsync("/api/dev/token", new { user = "admin" });
        using var users = await client.GetAsync("/api/dev/users");
        using var clock = await client.GetAsync("/api/dev/clock");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        await ProblemAssert.IsProblemAsync(token, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(users, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(clock, HttpStatusCode.NotFound);
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Where(s => s.Value is not null).Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
}
