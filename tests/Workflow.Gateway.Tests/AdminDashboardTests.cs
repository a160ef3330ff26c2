using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Hosting;

namespace Workflow.Gateway.Tests;

/// <summary>The Orleans dashboard at /admin/orleans/, once turned on: administrators only, by bearer header or session
/// cookie.</summary>
public sealed class AdminDashboardTests(DashboardGateway dashboard) : IClassFixture<DashboardGateway>
{
    private const string Dashboard = "/admin/orleans/";
    private const string Counters = "/admin/orleans/DashboardCounters";

    private GatewayFixture Gateway => dashboard.Gateway;

    [Fact]
    public async Task Dashboard_WithoutToken_Returns401ProblemPointingToSignIn()
    {
        using var response = await Gateway.AnonymousClient.GetAsync(Dashboard);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("/admin/sign-in", ProblemAssert.Detail(problem), StringComparison.Ordinal);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
    }

    [Theory]
    [InlineData("ent-rail")]
    [InlineData("liaison-wang")]
    [InlineData("off-drc")]
    [InlineData("leader-li")]
    public async Task Dashboard_NotAnAdministrator_Returns403Problem(string user)
    {
        var client = await Gateway.ClientForAsync(user);

        using var page = await client.GetAsync(Dashboard);
        using var data = await client.GetAsync(Counters);

        await ProblemAssert.IsProblemAsync(page, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(data, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Dashboard_AdministratorsBearer_ServesThePageAndTheSilosCounters()
    {
        var admin = await Gateway.ClientForAsync("admin");

        using var page = await admin.GetAsync(Dashboard);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.True(await ActiveHostsAsync(admin) >= 1);
    }

    [Fact]
    public async Task Session_AdministratorsBearer_SetsAScopedCookieThatOpensTheDashboard()
    {
        var cookies = new CookieContainer();
        using var browser = BrowserWith(cookies);

        using var opened = await OpenSessionAsync(browser);
        using var counters = await browser.GetAsync(Counters);

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var session = await opened.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Dashboard, session.GetProperty("dashboard").GetString());
        Assert.InRange(session.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(31));
        var setCookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("landflow-admin=", setCookie, StringComparison.Ordinal);
        foreach (var attribute in new[] { "path=/admin", "samesite=strict", "httponly" })
        {
            Assert.Contains(attribute, setCookie, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
    }

    [Fact]
    public async Task Session_CookiesToken_IsRefusedByTheApi()
    {
        var cookie = await SessionCookieAsync();
        using var asBearer = Gateway.CreateClient(cookie.Value);
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        withCookie.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");

        using var bearerAnswer = await asBearer.GetAsync("/api/me");
        using var cookieAnswer = await Gateway.AnonymousClient.SendAsync(withCookie);

        await ProblemAssert.IsProblemAsync(bearerAnswer, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(cookieAnswer, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Session_CookieOnly_CannotOpenAnother()
    {
        var cookie = await SessionCookieAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/session");
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");

        using var response = await Gateway.AnonymousClient.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Session_Leader_Returns403Problem()
    {
        var leader = await Gateway.ClientForAsync("leader-li");

        using var response = await leader.PostAsync("/admin/session", content: null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Session_Deleted_CookieNoLongerOpensTheDashboard()
    {
        var cookies = new CookieContainer();
        using var browser = BrowserWith(cookies);
        using var opened = await OpenSessionAsync(browser);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);

        using var deleted = await browser.DeleteAsync("/admin/session");
        using var counters = await browser.GetAsync(Counters);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(cookies.GetCookies(new Uri(Gateway.BaseAddress, Dashboard)));
        await ProblemAssert.IsProblemAsync(counters, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Session_ForgedCookie_Returns401ProblemSayingSignInAgain()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Counters);
        request.Headers.Add("Cookie", "landflow-admin=not-a-token");

        using var response = await Gateway.AnonymousClient.SendAsync(request);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("sign in again", ProblemAssert.Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_Anonymous_ServesHtmlUnderAStrictPolicy()
    {
        using var response = await Gateway.AnonymousClient.GetAsync("/admin/sign-in");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'sha256-", policy, StringComparison.Ordinal);
        Assert.Contains("form-action 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("fetch('session'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_Document_ListsTheSessionButNotTheDashboard()
    {
        using var response = await Gateway.AnonymousClient.GetAsync("/openapi/v1.json");
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");

        Assert.True(paths.TryGetProperty("/admin/session", out _));
        Assert.DoesNotContain(paths.EnumerateObject(), path => path.Name.StartsWith("/admin/orleans", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dashboard_SettingLeftUnset_Returns404Problem()
    {
        await using var disabled = await GatewayFixture.StartAsync();
        var admin = await disabled.ClientForAsync("admin");

        using var page = await admin.GetAsync(Dashboard);
        using var data = await admin.GetAsync(Counters);
        using var session = await admin.PostAsync("/admin/session", content: null);

        await ProblemAssert.IsProblemAsync(page, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(data, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(session, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Dashboard_ClusterMode_AdministratorSeesTheSilo()
    {
        var enabled = new Dictionary<string, string?> { [LandFlowSettings.DashboardEnabled] = "true" };
        await using var silo = await TestSilo.StartAsync(enabled);
        var settings = silo.ClusterSettings(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        settings[LandFlowSettings.DashboardEnabled] = "true";
        await using var clustered = await GatewayFixture.StartAsync(settings);
        var token = clustered.Services.GetRequiredService<JwtTokenIssuer>().Issue(DemoCallers.Of(DemoUsers.All.Single(user => user.Role == Roles.Admin)));
        var admin = clustered.CreateClient(token.Token);

        using var page = await admin.GetAsync(Dashboard);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(await ActiveHostsAsync(admin) >= 1);
    }

    /// <summary>The dashboard's count of active silos, once it has counted one (it samples every second).</summary>
    private static async Task<int> ActiveHostsAsync(HttpClient admin)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await admin.GetAsync(Counters, CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var hosts = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("totalActiveHostCount").GetInt32();
            if (hosts >= 1 || timeout.IsCancellationRequested)
            {
                return hosts;
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    private HttpClient BrowserWith(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Gateway.BaseAddress };

    /// <summary><c>POST /admin/session</c> with an administrator's bearer token, from <paramref name="browser"/>.</summary>
    private async Task<HttpResponseMessage> OpenSessionAsync(HttpClient browser)
    {
        using var open = new HttpRequestMessage(HttpMethod.Post, "/admin/session");
        open.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await Gateway.TokenForAsync("admin"));
        return await browser.SendAsync(open);
    }

    /// <summary>Opens a session and returns its cookie, as a browser would keep it.</summary>
    private async Task<Cookie> SessionCookieAsync()
    {
        var cookies = new CookieContainer();
        using var browser = BrowserWith(cookies);
        using var opened = await OpenSessionAsync(browser);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        return Assert.Single(cookies.GetCookies(new Uri(Gateway.BaseAddress, Dashboard)));
    }
}

/// <summary>A gateway with the Orleans dashboard turned on (it is off by default).</summary>
public sealed class DashboardGateway : IAsyncLifetime
{
    private GatewayFixture? gateway;

    public GatewayFixture Gateway => gateway ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() =>
        gateway = await GatewayFixture.StartAsync(new Dictionary<string, string?> { [LandFlowSettings.DashboardEnabled] = "true" });

    public async Task DisposeAsync()
    {
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }
    }
}
