using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Hosting;

namespace Workflow.Gateway.Tests;

public sealed class ClusterModeTests
{
    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task DevEndpoints_ClusterModeUnset_Return404Problem()
    {
        await using var silo = await TestSilo.StartAsync();
        await using var gateway = await GatewayFixture.StartAsync(silo.ClusterSettings(Key));

        using var users = await gateway.AnonymousClient.GetAsync("/api/dev/users");
        using var token = await gateway.AnonymousClient.PostAsJsonAsync("/api/dev/token", new { user = "admin" });
        using var clock = await gateway.AnonymousClient.GetAsync("/api/dev/clock");

        await ProblemAssert.IsProblemAsync(users, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(token, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(clock, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Me_ClusterModeTokenSignedWithConfiguredKey_Returns200()
    {
        await using var silo = await TestSilo.StartAsync();
        await using var gateway = await GatewayFixture.StartAsync(silo.ClusterSettings(Key));
        var issued = gateway.Services.GetRequiredService<JwtTokenIssuer>()
            .Issue(DemoCallers.Of(DemoUsers.All.Single(user => user.Id == "off-finance")));

        using var response = await gateway.CreateClient(issued.Token).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Directory.GetFiles(gateway.DataDirectory, "dev-signing-key*"));
    }

    [Fact]
    public async Task DevEndpoints_ClusterModeExplicitlyEnabled_ServeUsers()
    {
        await using var silo = await TestSilo.StartAsync();
        var settings = silo.ClusterSettings(Key);
        settings["LandFlow:DevEndpoints"] = "true";
        await using var gateway = await GatewayFixture.StartAsync(settings);

        using var response = await gateway.AnonymousClient.GetAsync("/api/dev/users");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task DevClock_ClusterModeEnabled_MovesTheSilosClock()
    {
        var dev = new Dictionary<string, string?> { ["LandFlow:DevEndpoints"] = "true" };
        await using var silo = await TestSilo.StartAsync(dev);
        var settings = silo.ClusterSettings(Key);
        settings["LandFlow:DevEndpoints"] = "true";
        await using var gateway = await GatewayFixture.StartAsync(settings);
        var siloClock = silo.Services.GetRequiredService<DevClockControl>();
        var before = siloClock.Now;

        using var moved = await gateway.AnonymousClient.PostAsJsonAsync("/api/dev/clock", new { advance = "P3D" });
        using var read = await gateway.AnonymousClient.GetAsync("/api/dev/clock");
        using var backwards = await gateway.AnonymousClient.PostAsJsonAsync("/api/dev/clock", new { now = before.ToString("O") });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.InRange(siloClock.Now - before, TimeSpan.FromDays(3), TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        var shown = (await read.Content.ReadFromJsonAsync<DevClockView>())!.Now;
        Assert.InRange(shown - before, TimeSpan.FromDays(3), TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await ProblemAssert.IsProblemAsync(backwards, HttpStatusCode.Conflict);
    }

    private sealed record DevClockView(DateTimeOffset Now);

    [Fact]
    public async Task DevEndpoints_EmbeddedModeExplicitlyDisabled_Return404Problem()
    {
        var settings = new Dictionary<string, string?> { ["LandFlow:DevEndpoints"] = "false" };
        await using var gateway = await GatewayFixture.StartAsync(settings);

        using var response = await gateway.AnonymousClient.GetAsync("/api/dev/users");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Start_ClusterModeWithoutSigningKey_FailsWithClearMessage()
    {
        var settings = new Dictionary<string, string?>(TestCertificates.Cluster.Settings()) { ["LandFlow:Mode"] = "cluster" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayFixture.StartAsync(settings));

        Assert.Contains("LandFlow:Auth:SigningKey is required in cluster mode", error.ToString(), StringComparison.Ordinal);
    }
}
