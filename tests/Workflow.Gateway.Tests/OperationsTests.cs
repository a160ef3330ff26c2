using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workflow.Hosting;

namespace Workflow.Gateway.Tests;

public sealed class OperationsTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_Anonymous_Returns200JsonWithTheStatusOnly(string path)
    {
        using var response = await gateway.AnonymousClient.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        // Anonymous: no check names, descriptions, counts, timings or versions.
        Assert.Equal(["status"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Ready_ACheckFails_Returns503ProblemThatRevealsNothing()
    {
        await using var failing = await GatewayFixture.StartAsync(configureServices: services => services.AddHealthChecks()
            .AddCheck("made-to-fail", () => HealthCheckResult.Unhealthy("The test says so.", new InvalidOperationException("secret detail")), tags: [ServiceDefaultsExtensions.ReadyTag]));

        using var ready = await failing.AnonymousClient.GetAsync("/health/ready");
        using var live = await failing.AnonymousClient.GetAsync("/health/live");

        var text = await ready.Content.ReadAsStringAsync();
        var problem = await ProblemAssert.IsProblemAsync(ready, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Not ready", problem.GetProperty("title").GetString());
        Assert.Equal("Unhealthy", problem.GetProperty("healthStatus").GetString());
        Assert.DoesNotContain("made-to-fail", text, StringComparison.Ordinal);
        Assert.DoesNotContain("The test says so", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret detail", text, StringComparison.Ordinal);
        Assert.DoesNotContain("grains", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task OpenApi_Document_IsServedAnonymouslyAndDeclaresBearer()
    {
        using var response = await gateway.AnonymousClient.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Equal("JWT", scheme.GetProperty("bearerFormat").GetString());
    }

    [Fact]
    public async Task OpenApi_Document_RequiresBearerOnlyOutsideDevRoutes()
    {
        using var response = await gateway.AnonymousClient.GetAsync("/openapi/v1.json");
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");

        Assert.Equal(1, paths.GetProperty("/api/me").GetProperty("get").GetProperty("security").GetArrayLength());

        // Anonymous, and saying so: an empty list of requirements.
        Assert.Equal(0, paths.GetProperty("/api/dev/users").GetProperty("get").GetProperty("security").GetArrayLength());
    }

    [Fact]
    public async Task Scalar_Page_Returns200Html()
    {
        using var response = await gateway.AnonymousClient.GetAsync("/scalar");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        using var script = await gateway.AnonymousClient.GetAsync("/scalar/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
