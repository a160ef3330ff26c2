using System.Net;
using System.Text.Json;

namespace Workflow.Gateway.Tests;

public sealed class OperationsTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_Anonymous_Returns200(string path)
    {
        using var response = await gateway.AnonymousClient.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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

        Assert.True(paths.GetProperty("/api/me").GetProperty("get").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/api/dev/users").GetProperty("get").TryGetProperty("security", out _));
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
