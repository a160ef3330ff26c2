using System.Net.Http.Json;
using Microsoft.Playwright;
using Workflow.Testing.EmbeddedHost;

namespace Workflow.Web.Tests;

/// <summary>
/// One embedded host for the browser tests (README's first command, in-process on a free port): the demo data seeded and
/// the dev clock movable over <c>/api/dev/clock</c>; and one Chromium. Tests open their own browser contexts.
/// </summary>
public sealed class WebHostFixture : IAsyncLifetime
{
    private InProcessEmbeddedHost? host;
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;

    public Uri BaseAddress => host!.BaseAddress;

    public HttpClient Http { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        (playwright, Browser) = await Chromium.LaunchAsync();
        host = await InProcessEmbeddedHost.StartAsync("web", new Dictionary<string, string?> { ["LandFlow:Demo:Enabled"] = "true" });
        Http = new HttpClient { BaseAddress = host.BaseAddress };
    }

    /// <summary>A fresh browser (no cookies) at a phone's or a desk's width, signed in as a demo user.</summary>
    public async Task<IPage> SignInAsync(string user, int width = 1366, int height = 900, string? language = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US", // the browser's wish is ignored on purpose: Chinese first
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        if (language is not null)
        {
            await page.GotoAsync($"/culture?lang={language}&returnUrl=%2Fsignin");
        }

        await page.GotoAsync("/signin");
        await page.ClickAsync($"[data-testid=sign-in-{user}]");
        // Signed in once the browser leaves the sign-in page; the caller's next step waits for what it needs of the page.
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        return page;
    }

    /// <summary>An API client holding a demo user's bearer token (<c>/api/dev/token</c>): what another party does over HTTP
    /// while a page watches.</summary>
    public async Task<HttpClient> ApiClientAsync(string user)
    {
        using var response = await Http.PostAsJsonAsync("/api/dev/token", new { user });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString();
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Waits until the interactive circuit has drawn the page (MainLayout's <c>data-interactive</c>): before that a
    /// click lands on the prerendered copy, which has no handlers, and is lost. The Blazor script being loaded is not
    /// enough: under load the circuit comes seconds later.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator(".mud-layout[data-interactive=true]").WaitForAsync();

    /// <summary>Waits for <paramref name="selector"/>; fails at once, saying so, when the page shows instead that a grain it
    /// calls failed (a grain of another branch not merged yet, or broken), rather than timing out.</summary>
    public static async Task<ILocator> ExpectAsync(IPage page, string selector)
    {
        var either = page.Locator($"{selector} >> nth=0").Or(page.Locator("[data-testid=failure], [data-testid=refusal]")).First;
        await either.WaitForAsync();
        if (await page.Locator("[data-testid=failure]").CountAsync() > 0)
        {
            throw new Xunit.Sdk.XunitException($"{page.Url} shows its 'unavailable' alert instead of {selector}: the grain it calls failed (not merged yet, or broken); see the host's log.");
        }

        if (await page.Locator("[data-testid=refusal]").CountAsync() > 0)
        {
            throw new Xunit.Sdk.XunitException($"{page.Url} shows a refusal ({await page.GetAttributeAsync("[data-testid=refusal]", "data-rule")}) instead of {selector}.");
        }

        return page.Locator(selector).First;
    }

    public async Task<DateTimeOffset> AdvanceClockAsync(string duration)
    {
        using var response = await Http.PostAsJsonAsync("/api/dev/clock", new { advance = duration });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ClockReply>())!.Now;
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    private sealed record ClockReply(DateTimeOffset Now);
}

[CollectionDefinition(Name)]
public sealed class WebHostCollection : ICollectionFixture<WebHostFixture>
{
    public const string Name = "web host";
}
