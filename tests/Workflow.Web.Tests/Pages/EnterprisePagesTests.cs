using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Workflow.Web.Tests;

/// <summary>The enterprise (建设单位) in the browser: its projects with a status in plain words, registering through the form,
/// the project page with the one-time missing list, live updates when an officer acts, and never another's project.</summary>
[Collection(WebHostCollection.Name)]
public sealed class EnterprisePagesTests(WebHostFixture host)
{
    private const string RailUscc = "91330500MA2JTR010T";

    [Fact]
    public async Task Enterprise_RegistersThroughTheForm_ThenSubmitsADocument()
    {
        var page = await host.SignInAsync("ent-rail");
        Assert.EndsWith("/projects", page.Url, StringComparison.Ordinal);
        await WebHostFixture.ExpectAsync(page, "[data-testid=projects] [data-testid=project-status-line]");
        await Screenshots.TakeAsync(page, "enterprise-projects");

        await page.ClickAsync("[data-testid=projects-register]");
        await page.WaitForURLAsync(url => url.EndsWith("/projects/new", StringComparison.Ordinal));
        await page.Locator("[data-testid=register-form][data-interactive]").WaitForAsync();
        var name = "浏览器申报测试项目" + Guid.NewGuid().ToString("N")[..6];
        await page.FillAsync("[data-testid=register-name] input", name);
        await ChooseAsync(page, "register-county", "吴兴区");
        await ChooseAsync(page, "register-type", "学校");
        await ChooseAsync(page, "register-track", "批次用地");
        await ChooseAsync(page, "register-supply", "划拨");
        await FillNumberAsync(page, "register-area", "90");
        await FillNumberAsync(page, "register-cultivated", "40");
        await FillNumberAsync(page, "register-paddy", "50");
        await FillNumberAsync(page, "register-grade", "6");
        await FillNumberAsync(page, "register-households", "12");

        // The client's hint mirrors the domain's rule (paddy within the cultivated land) as the user types.
        await page.Locator("[data-testid=register-paddy][data-error]").WaitForAsync();
        await FillNumberAsync(page, "register-paddy", "20");
        await page.Locator("[data-testid=register-paddy][data-error]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.Locator("[data-testid=register-level][data-level=province]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=register-form] [data-error]").CountAsync());
        await Screenshots.TakeAsync(page, "enterprise-register");

        await page.ClickAsync("[data-testid=register-submit]");

        await page.WaitForURLAsync(url => url.Contains("/projects/", StringComparison.Ordinal) && !url.EndsWith("/new", StringComparison.Ordinal));
        var missing = await WebHostFixture.ExpectAsync(page, "[data-testid=missing-document]");
        Assert.Equal(name, await page.InnerTextAsync("[data-testid=project-name]"));
        var before = await page.Locator("[data-testid=missing-document]").CountAsync();
        var document = await missing.GetAttributeAsync("data-document");

        await page.ClickAsync($"[data-testid=submit-{document}]");

        await page.Locator($"[data-testid=missing-document][data-document={document}]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal(before - 1, await page.Locator("[data-testid=missing-document]").CountAsync());
        await page.Locator("[data-testid=project-timeline] li", new() { HasTextString = "提交材料" }).First.WaitForAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Register_InvalidAreas_ShowsEachProblemBesideItsField()
    {
        var page = await host.SignInAsync("ent-rail", language: "en");
        await page.GotoAsync("/projects/new");
        await page.Locator("[data-testid=register-form][data-interactive]").WaitForAsync();
        await page.FillAsync("[data-testid=register-name] input", "Invalid areas");

        await page.ClickAsync("[data-testid=register-submit]");

        // Refused by the registrar (the same call as POST /api/projects); nothing registered, the page stays.
        await page.Locator("[data-testid=refusal][data-rule=invalid-registration]").WaitForAsync();
        Assert.EndsWith("/projects/new", page.Url, StringComparison.Ordinal);
        foreach (var field in new[] { "register-county", "register-type", "register-area", "register-grade" })
        {
            Assert.True(await page.Locator($"[data-testid={field}][data-error]").CountAsync() > 0, $"{field} shows no problem.");
            Assert.True(await page.Locator($"[data-testid={field}] .mud-input-error").CountAsync() > 0, $"{field} is not marked in error.");
        }

        Assert.Equal(0, await page.Locator("[data-testid=register-name][data-error]").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ProjectPage_OfficerCompletesAStepInAnotherBrowser_PageUpdatesWithoutReloading()
    {
        var code = await RegisterWithDocumentsAsync("ent-rail", RailUscc);
        var page = await host.SignInAsync("ent-rail");
        await page.GotoAsync("/projects/" + code);
        await WebHostFixture.ExpectAsync(page, "[data-testid=project-live]");
        await page.Locator("[data-testid=project-step][data-step=approval][data-state=received]").WaitForAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;

        // Another party, the development and reform officer, in a browser of their own, accepts and completes the step on
        // the step's page (/tasks/{code}/{step}), each act confirmed.
        var officer = await host.SignInAsync("off-drc");
        await officer.GotoAsync($"/tasks/{code}/approval");
        await WebHostFixture.WaitInteractiveAsync(officer);
        await WebHostFixture.ExpectAsync(officer, "[data-testid=task-panel]");
        await OfficerActAsync(officer, "start", null);
        await officer.Locator("[data-testid=task-state][data-state=inProgress]").WaitForAsync();
        await page.Locator("[data-testid=project-step][data-step=approval][data-state=inProgress]").WaitForAsync();
        await OfficerActAsync(officer, "complete", "准予立项");
        await officer.Locator("[data-testid=task-state][data-state=done]").WaitForAsync();
        await officer.Context.CloseAsync();

        await page.Locator("[data-testid=project-step][data-step=approval][data-state=done]").WaitForAsync(new() { Timeout = 30_000 });
        await page.Locator("[data-testid=project-timeline] li", new() { HasTextString = "准予立项" }).WaitForAsync();
        Assert.Equal(0, navigations);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page is {overflow} px wider than the window.");
        await Screenshots.TakeAsync(page, "enterprise-project");
        await page.Context.CloseAsync();
    }

    /// <summary>An officer's act on the step page: open its confirmation, give the reason, confirm, wait for it to close.</summary>
    private static async Task OfficerActAsync(IPage officer, string action, string? reason)
    {
        await officer.Locator($"[data-testid=act-{action}]").ClickAsync();
        var confirm = officer.Locator("[data-testid=act-confirm]");
        await confirm.WaitForAsync();
        if (reason is not null)
        {
            await officer.Locator("[data-testid=act-reason] textarea, textarea[data-testid=act-reason], [data-testid=act-reason] input, input[data-testid=act-reason]").First.FillAsync(reason);
        }

        await confirm.ClickAsync();
        await confirm.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    [Fact]
    public async Task ProjectPage_PhoneWidth_ShowsTheStatusAndMissingListFirstInTabs()
    {
        var code = await RegisterAsync("ent-rail", RailUscc);
        var page = await host.SignInAsync("ent-rail", width: 390, height: 844);

        await page.GotoAsync("/projects/" + code);

        await WebHostFixture.ExpectAsync(page, "[data-testid=project-tabs]");
        Assert.True(await page.IsVisibleAsync("[data-testid=project-status-line]"));
        Assert.True(await page.IsVisibleAsync("[data-testid=missing-document]"));
        Assert.False(await page.IsVisibleAsync("[data-testid=project-timeline]"));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page is {overflow} px wider than a 390 px screen.");
        await Screenshots.TakeAsync(page, "enterprise-project-phone");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ProjectPage_WithdrawWithAReason_AsksFirstThenSaysWithdrawn()
    {
        var code = await RegisterAsync("ent-rail", RailUscc);
        var page = await host.SignInAsync("ent-rail");
        await page.GotoAsync("/projects/" + code);
        await WebHostFixture.ExpectAsync(page, "[data-testid=withdraw]");

        await page.ClickAsync("[data-testid=withdraw]");
        Assert.True(await page.IsDisabledAsync("[data-testid=withdraw-confirm]"));
        await page.FillAsync("[data-testid=withdraw-reason] textarea", "项目调整，暂不用地");
        await page.ClickAsync("[data-testid=withdraw-confirm]");

        await page.Locator("[data-testid=project-status-line]", new() { HasTextString = "已撤回" }).WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=withdraw]").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnotherEnterprise_NeverSeesTheProject_InTheListByCodeOrLive()
    {
        var code = await RegisterWithDocumentsAsync("ent-rail", RailUscc);
        var page = await host.SignInAsync("ent-park");

        // The list: every row is its own.
        await WebHostFixture.ExpectAsync(page, "[data-testid=projects] tbody tr");
        Assert.DoesNotContain(code, await page.InnerTextAsync("[data-testid=projects]"), StringComparison.Ordinal);

        // Search by code, then the page by URL: not found, and no live watch is kept. Enter on the prerendered page,
        // before the circuit is live, would do nothing (a loaded CI run once waited 30 s for the navigation).
        await WebHostFixture.WaitInteractiveAsync(page);
        await page.FillAsync("[data-testid=projects-find] input", code);
        await page.PressAsync("[data-testid=projects-find] input", "Enter");
        await page.WaitForURLAsync(url => url.EndsWith("/projects/" + code, StringComparison.Ordinal));
        await page.Locator("[data-testid=refusal][data-rule=not-found]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=project-name]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=project-live]").CountAsync());

        // An officer acts; the stranger's open page learns nothing of it.
        using var officer = await host.ApiClientAsync("off-drc");
        (await officer.PostAsJsonAsync($"/api/projects/{code}/steps/approval/start", new { reason = "受理" })).EnsureSuccessStatusCode();
        using var owner = await host.ApiClientAsync("ent-rail");
        await WaitForStepStateAsync(owner, code, "approval", "inProgress");
        Assert.Equal(0, await page.Locator("[data-testid=project-name]").CountAsync());
        Assert.DoesNotContain(code, await page.InnerTextAsync("body"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    /// <summary>Types a number and leaves the field, as a user does, so the field commits its value.</summary>
    private static async Task FillNumberAsync(IPage page, string testId, string value)
    {
        await page.FillAsync($"[data-testid={testId}] input", value);
        await page.PressAsync($"[data-testid={testId}] input", "Tab");
    }

    private static async Task ChooseAsync(IPage page, string testId, string option)
    {
        await page.ClickAsync($"[data-testid={testId}] .mud-select");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextString = option }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>A fresh project of the enterprise's own, registered over the API (the allocator gives a new code).</summary>
    private async Task<string> RegisterAsync(string enterprise, string uscc)
    {
        using var api = await host.ApiClientAsync(enterprise);
        using var response = await api.PostAsJsonAsync("/api/projects", new
        {
            name = "网页测试项目",
            ownerUscc = uscc,
            county = "330502",
            type = "school",
            track = "batch",
            areaMu = 80,
            cultivatedMu = 30,
            paddyMu = 10,
            grade = 6,
            permanentBasicFarmland = false,
            households = 5,
            supplyMode = "allocation",
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    /// <summary>As <see cref="RegisterAsync"/>, with the first step's documents submitted, so it waits at its department.</summary>
    private async Task<string> RegisterWithDocumentsAsync(string enterprise, string uscc)
    {
        var code = await RegisterAsync(enterprise, uscc);
        using var api = await host.ApiClientAsync(enterprise);
        var status = await api.GetFromJsonAsync<JsonElement>($"/api/projects/{code}");
        foreach (var document in status.GetProperty("missingDocuments").EnumerateArray().Where(d => d.GetProperty("step").GetString() == "approval"))
        {
            (await api.PostAsJsonAsync($"/api/projects/{code}/documents", new { key = document.GetProperty("key").GetString() })).EnsureSuccessStatusCode();
        }

        return code;
    }

    private static async Task WaitForStepStateAsync(HttpClient api, string code, string step, string state)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var status = await api.GetFromJsonAsync<JsonElement>($"/api/projects/{code}");
            if (status.GetProperty("steps").EnumerateArray().Any(s => s.GetProperty("key").GetString() == step && s.GetProperty("state").GetString() == state))
            {
                return;
            }
        }

        throw new Xunit.Sdk.XunitException($"{step} of {code} never reached {state}.");
    }
}
