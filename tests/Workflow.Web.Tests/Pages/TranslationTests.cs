using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Workflow.Web.Tests;

/// <summary>In English no label is left in Chinese or as a missing resource key; data (names from the records, marked
/// <c>lf-data</c>) may be in either language.</summary>
[Collection(WebHostCollection.Name)]
public sealed partial class TranslationTests(WebHostFixture host)
{
    [Theory]
    [InlineData("/projects")]
    [InlineData("/inbox")]
    [InlineData("/leader")]
    [InlineData("/leader/bulletin")]
    [InlineData("/leader/diagram")]
    [InlineData("/leader/inspections")]
    [InlineData("/leader/campaigns")]
    [InlineData("/leader/problems")]
    [InlineData("/leader/cell?step=approval&county=330502&light=red")]
    public async Task EnglishPage_Labels_HaveNoChineseAndNoMissingKey(string path)
    {
        var page = await host.SignInAsync("leader-li", language: "en");
        await page.GotoAsync(path);
        await WebHostFixture.WaitInteractiveAsync(page);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var chrome = await ChromeTextAsync(page);

        Assert.DoesNotMatch(Cjk(), chrome);
        Assert.DoesNotMatch(MissingKey(), chrome);
        if (path == "/leader")
        {
            await Screenshots.TakeAsync(page, "leader-heatmap-en");
        }

        await page.Context.CloseAsync();
    }

    /// <summary>The leaders' pages and everyone's in Chinese on a phone: every label found (no missing key) and nothing
    /// wider than the 390 px screen (wide tables scroll inside their own box).</summary>
    [Theory]
    [InlineData("/projects")]
    [InlineData("/inbox")]
    [InlineData("/leader")]
    [InlineData("/leader/bulletin")]
    [InlineData("/leader/diagram")]
    [InlineData("/leader/inspections")]
    [InlineData("/leader/campaigns")]
    [InlineData("/leader/problems")]
    [InlineData("/leader/cell?step=approval&county=330502&light=red")]
    public async Task ChinesePage_PhoneWidth_NoMissingKeyAndNoHorizontalScroll(string path)
    {
        var page = await host.SignInAsync("leader-li", width: 390, height: 844);
        await page.GotoAsync(path);
        await WebHostFixture.WaitInteractiveAsync(page);

        await AssertTranslatedAsync(page, "zh-CN");
        await page.Context.CloseAsync();
    }

    /// <summary>An inspection's own page (it needs one: opened over the API) in English and in Chinese at 390 px.</summary>
    [Fact]
    public async Task InspectionPage_EnglishAndChineseAtPhoneWidth_NoMissingKeyAndNoHorizontalScroll()
    {
        var id = "tr-" + Guid.NewGuid().ToString("N")[..12];
        using (var leader = await host.ApiClientAsync("leader-li"))
        {
            using var opened = await leader.PostAsJsonAsync("/api/inspections", new
            {
                id,
                title = "执行力检查（翻译）",
                county = "330523",
                department = "county-government",
                findings = new[] { new { text = "台账缺失", workingDays = 5 } },
            });
            opened.EnsureSuccessStatusCode();
        }

        foreach (var language in new[] { "en", "zh-CN" })
        {
            var page = await host.SignInAsync("leader-li", width: 390, height: 844, language: language);
            await page.GotoAsync("/leader/inspections/" + id);
            await WebHostFixture.WaitInteractiveAsync(page);

            await AssertTranslatedAsync(page, language);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task EnglishProjectPage_Labels_HaveNoChineseAndNoMissingKey()
    {
        var page = await host.SignInAsync("leader-li", language: "en");
        await page.GotoAsync("/projects");
        var first = page.Locator("[data-testid=projects] tbody a").First;
        await first.WaitForAsync();
        await first.ClickAsync();
        await page.Locator("[data-testid=project-timeline] li").First.WaitForAsync();

        var chrome = await ChromeTextAsync(page);

        Assert.DoesNotMatch(Cjk(), chrome);
        Assert.DoesNotMatch(MissingKey(), chrome);
        await Screenshots.TakeAsync(page, "project-en");
        await page.Context.CloseAsync();
    }

    /// <summary>The officer's worklist and a step page from it, in both languages at a phone's width: no missing key, no
    /// Chinese label in English, no horizontal scroll.</summary>
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task OfficerPages_BothLanguagesAt390Px_NoMissingKeyAndNoHorizontalScroll(string language)
    {
        var page = await host.SignInAsync("off-drc", width: 390, height: 844, language: language);
        await page.GotoAsync("/tasks");
        await WebHostFixture.ExpectAsync(page, "[data-testid=task-link]");
        await AssertTranslatedAsync(page, language);

        await page.Locator("[data-testid=task-link]").First.ClickAsync();
        await WebHostFixture.ExpectAsync(page, "[data-testid=task-panel]");
        await AssertTranslatedAsync(page, language);

        await page.Context.CloseAsync();
    }

    /// <summary>Once the page is idle: no missing key; in English no Chinese label, in Chinese the labels are Chinese; and
    /// nothing wider than the window.</summary>
    private static async Task AssertTranslatedAsync(IPage page, string language)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var chrome = await ChromeTextAsync(page);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

        Assert.DoesNotMatch(MissingKey(), chrome);
        if (language == "en")
        {
            Assert.DoesNotMatch(Cjk(), chrome);
        }
        else
        {
            Assert.Matches(Cjk(), chrome);
        }

        Assert.True(overflow <= 0, $"{page.Url} is {overflow} px wider than the {page.ViewportSize?.Width} px window.");
    }

    [Theory]
    [InlineData("liaison-chen", "/liaison")]
    [InlineData("leader-li", "/leader/problems")]
    public async Task LandProblemPages_EnglishHaveNoChineseOrMissingKey_AndPhoneWidthNoHorizontalScroll(string user, string path)
    {
        foreach (var (language, width) in new[] { ("en", 1366), ("zh-CN", 390) })
        {
            var page = await host.SignInAsync(user, width: width, height: 844, language: language == "en" ? "en" : null);
            await page.GotoAsync(path);
            await WebHostFixture.WaitInteractiveAsync(page);

            await AssertTranslatedAsync(page, language);
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [InlineData("/projects", "en")]
    [InlineData("/projects", "zh-CN")]
    [InlineData("/projects/new", "en")]
    [InlineData("/projects/new", "zh-CN")]
    public async Task EnterprisePage_BothLanguagesAtPhoneWidth_NoMissingKeyAndNoHorizontalScroll(string path, string language)
    {
        var page = await host.SignInAsync("ent-rail", width: 390, height: 844, language: language);
        await page.GotoAsync(path);
        await WebHostFixture.WaitInteractiveAsync(page);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await AssertTranslatedAsync(page, language);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task EnterpriseProjectPage_BothLanguagesAtPhoneWidth_NoMissingKeyAndNoHorizontalScroll(string language)
    {
        var page = await host.SignInAsync("ent-rail", width: 390, height: 844, language: language);
        await page.GotoAsync("/projects");
        var first = page.Locator("[data-testid=projects] tbody a").First;
        await first.WaitForAsync();
        await first.ClickAsync();
        await WebHostFixture.ExpectAsync(page, "[data-testid=project-status-line]");

        await AssertTranslatedAsync(page, language);
        await page.Context.CloseAsync();
    }

    /// <summary>The page's text without the data (elements marked lf-data) and the other language's name on its switch.</summary>
    internal static Task<string> ChromeTextAsync(IPage page) =>
        page.EvaluateAsync<string>("""
            () => {
                const copy = document.body.cloneNode(true);
                copy.querySelectorAll('.lf-data, [data-testid=language], script, style').forEach(e => e.remove());
                return copy.innerText + ' ' + Array.from(copy.querySelectorAll('[aria-label],[title]')).map(e => (e.getAttribute('aria-label') || '') + ' ' + (e.getAttribute('title') || '')).join(' ');
            }
            """);

    [GeneratedRegex(@"[\u3400-\u9fff\uf900-\ufaff]")]
    internal static partial Regex Cjk();

    // IStringLocalizer answers a missing key with the key itself: "Heatmap.Title", "State.inprogress".
    [GeneratedRegex(@"\b(App|Nav|Role|Light|NoticeKind|Refusal|Failure|SignIn|Heatmap|Bulletin|Cell|Project|Projects|Table|Due|Diagram|State|ProjectState|Event|Inbox|Department|Tasks|Problem|Liaison|Inspection|Campaign|Enterprise)\.[A-Za-z-]+\b")]
    internal static partial Regex MissingKey();
}
