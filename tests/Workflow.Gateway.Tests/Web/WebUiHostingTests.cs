using System.Net;

namespace Workflow.Gateway.Tests;

/// <summary>The gateway serves the web UI at `/` beside the API, and the API keeps its own answers: a page's cookie is no
/// token, and unknown API routes stay problem details.</summary>
public sealed class WebUiHostingTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Root_Anonymous_RedirectsToTheSignInPage()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = gateway.BaseAddress };

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_Anonymous_IsChineseHtmlWithTheDemoUsers()
    {
        using var response = await gateway.AnonymousClient.GetAsync("/signin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains("sign-in-leader-li", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownApiRoute_WithAToken_StaysA404Problem()
    {
        var client = await gateway.ClientForAsync("leader-li");

        using var response = await client.GetAsync("/api/no-such-route");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }
}
