using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Workflow.Web.Tests;

/// <summary>The officer at work in headless Chromium: the worklist, and a step acted on from its page, on a project the
/// test registers itself (a fresh code) as the enterprise would, over the API.</summary>
[Collection(WebHostCollection.Name)]
public sealed class OfficerPagesTests(WebHostFixture host)
{
    private const string Wuxing = "330502";

    [Fact]
    public async Task Officer_StepFromTheWorklist_AcceptedSupplementedResumedAndCompleted()
    {
        using var enterprise = await host.ApiClientAsync("ent-rail");
        var code = await RegisterAsync(enterprise);
        await SubmitAllDocumentsAsync(enterprise, code);

        // An officer lands on the worklist; the new project's approval waits there.
        var page = await host.SignInAsync("off-drc");
        Assert.EndsWith("/tasks", page.Url, StringComparison.Ordinal);
        await WebHostFixture.WaitInteractiveAsync(page);
        await WebHostFixture.ExpectAsync(page, "[data-testid=task-link]");
        await Screenshots.TakeAsync(page, "officer-tasks");
        await Field(page, "tasks-search").FillAsync(code);
        var link = page.Locator($"[data-testid=task-link][data-code='{code}'][data-step=approval]");
        await link.WaitForAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=task-link]').length === 1");

        await link.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/tasks/{code}/approval", StringComparison.Ordinal));
        await WebHostFixture.ExpectAsync(page, "[data-testid=task-panel]");
        Assert.Contains(code, await page.InnerTextAsync("[data-testid=task-project]"), StringComparison.Ordinal);

        await ActAsync(page, "start");
        await ExpectStateAsync(page, "inProgress");

        // 补正: the officer names what is missing, once, with a reason; the step's clock stops.
        await page.Locator("[data-testid=act-suspend]").ClickAsync();
        await Field(page, "missing-project-proposal").CheckAsync();
        await ConfirmAsync(page, "项目申请书缺少盖章页，请补正。");
        await ExpectStateAsync(page, "suspended");

        // The enterprise supplies it, as it would over the API; the officer resumes and completes.
        await SubmitDocumentAsync(enterprise, code, "project-proposal");
        await ActAsync(page, "resume");
        await ExpectStateAsync(page, "inProgress");
        await Screenshots.TakeAsync(page, "officer-step");
        await ActAsync(page, "complete", "材料齐全，予以立项。");
        await ExpectStateAsync(page, "done");

        var history = await HistoryAsync(enterprise, code);
        var acts = history.Where(e => e.GetProperty("step").GetString() == "approval" && e.GetProperty("actor").GetString() == "off-drc")
            .Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["start", "suspend", "resume", "complete"], acts);
        var supplement = history.Single(e => e.GetProperty("kind").GetString() == "suspend");
        Assert.Equal("project-proposal", supplement.GetProperty("facts").GetProperty("documents")[0].GetString());

        // Done, the step leaves the worklist (the page waited for the read model before it showed the act).
        await page.GotoAsync("/tasks");
        await WebHostFixture.WaitInteractiveAsync(page);
        await Field(page, "tasks-search").FillAsync(code);
        await EmptyAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Officer_RefusedAct_ShowsTheRuleAndChangesNothing()
    {
        using var enterprise = await host.ApiClientAsync("ent-rail");
        var code = await RegisterAsync(enterprise);
        await SubmitAllDocumentsAsync(enterprise, code);
        var page = await host.SignInAsync("off-drc");
        await page.GotoAsync($"/tasks/{code}/approval");
        await WebHostFixture.ExpectAsync(page, "[data-testid=task-panel]");
        await ActAsync(page, "start");
        await ExpectStateAsync(page, "inProgress");
        await ActAsync(page, "extend", "需要征求相关部门意见。", workingDays: 30);

        var refusal = page.Locator("[data-testid=refusal]");
        await refusal.WaitForAsync();

        Assert.Equal("extension-too-long", await refusal.GetAttributeAsync("data-rule"));
        Assert.Equal("inProgress", await page.GetAttributeAsync("[data-testid=task-state]", "data-state"));
        Assert.DoesNotContain("extend", (await HistoryAsync(enterprise, code)).Select(e => e.GetProperty("kind").GetString()));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Officer_OtherDepartmentsStep_IsNotOnTheWorklistAndItsActIsRefused()
    {
        using var enterprise = await host.ApiClientAsync("ent-rail");
        var code = await RegisterAsync(enterprise);
        await SubmitAllDocumentsAsync(enterprise, code);
        var page = await host.SignInAsync("off-nr");
        await WebHostFixture.WaitInteractiveAsync(page);

        await Field(page, "tasks-search").FillAsync(code);
        await EmptyAsync(page);
        await page.GotoAsync($"/tasks/{code}/approval");
        await WebHostFixture.ExpectAsync(page, "[data-testid=task-panel]");
        await ActAsync(page, "start");
        var refusal = page.Locator("[data-testid=refusal]");
        await refusal.WaitForAsync();

        Assert.Equal("wrong-department", await refusal.GetAttributeAsync("data-rule"));
        Assert.Equal("received", await page.GetAttributeAsync("[data-testid=task-state]", "data-state"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Officer_FarmlandBalanceStep_ShowsRequiredAndAvailableQuotaThenReserves()
    {
        using var enterprise = await host.ApiClientAsync("ent-rail");
        var code = await RegisterAsync(enterprise);
        await SubmitAllDocumentsAsync(enterprise, code);
        using var admin = await host.ApiClientAsync("admin");
        var lot = "OFFICER-" + code;
        using (var deposited = await admin.PostAsJsonAsync($"/api/quota/{Wuxing}/lots", new { lotId = lot, source = "高标准农田建设项目 " + lot, areaMu = 300, paddyMu = 150, grade = 7, certifiedOn = "2025-06-30" }))
        {
            Assert.True(deposited.IsSuccessStatusCode, await deposited.Content.ReadAsStringAsync());
        }

        using var development = await host.ApiClientAsync("off-drc");
        using var resources = await host.ApiClientAsync("off-nr");
        await ApiActAsync(development, code, "approval", "start");
        await ApiActAsync(development, code, "approval", "complete");
        await ApiActAsync(resources, code, "farmland_balance", "start");
        var page = await host.SignInAsync("off-nr");

        await page.GotoAsync($"/tasks/{code}/farmland_balance");
        await WebHostFixture.ExpectAsync(page, "[data-testid=task-quota]");

        Assert.Contains("100", await page.InnerTextAsync("[data-testid=quota-required]"), StringComparison.Ordinal);
        // The pools come in after the quota panel: wait until more than the project's county's is shown.
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=quota-pool]').length >= 2");
        Assert.True(await page.Locator($"[data-testid=quota-pool][data-county='{Wuxing}']").CountAsync() == 1);
        Assert.True(await page.Locator("[data-testid=quota-pool]").CountAsync() >= 2, "An officer of every county reads every pool.");
        await ActAsync(page, "reserve");
        await page.Locator("[data-testid=task-balance][data-state=reserved]").WaitForAsync();
        await page.Context.CloseAsync();
    }

    private static async Task ApiActAsync(HttpClient officer, string code, string step, string action)
    {
        using var response = await officer.PostAsync($"/api/projects/{code}/steps/{step}/{action}", null);
        Assert.True(response.IsSuccessStatusCode, $"{action} {step}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Opens an act's confirmation, fills what it asks, confirms, and waits for the dialog to close.</summary>
    private static async Task ActAsync(IPage page, string action, string? reason = null, int? workingDays = null)
    {
        await WebHostFixture.WaitInteractiveAsync(page);
        await page.Locator($"[data-testid=act-{action}]").ClickAsync();
        if (workingDays is { } days)
        {
            await Field(page, "fact-workingDays").FillAsync(days.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await ConfirmAsync(page, reason);
    }

    private static async Task ConfirmAsync(IPage page, string? reason)
    {
        var confirm = page.Locator("[data-testid=act-confirm]");
        await confirm.WaitForAsync();
        if (reason is not null)
        {
            await Field(page, "act-reason").FillAsync(reason);
        }

        await confirm.ClickAsync();
        await confirm.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>Waits until the worklist, as searched, counts and lists nothing.</summary>
    private static Task EmptyAsync(IPage page) =>
        page.WaitForFunctionAsync("() => /(^|\\D)0$/.test(document.querySelector('[data-testid=tasks-count-all]').innerText.trim()) && document.querySelectorAll('[data-testid=task-link]').length === 0");

    /// <summary>A MudBlazor input by its test id, whether the id lands on the input or on its wrapper.</summary>
    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}] input, input[data-testid={testId}], [data-testid={testId}] textarea, textarea[data-testid={testId}]").First;

    private static Task ExpectStateAsync(IPage page, string state) =>
        page.Locator($"[data-testid=task-state][data-state={state}]").WaitForAsync();

    /// <summary>Registers a project as the enterprise does; the code is allocated, so it is fresh.</summary>
    private static async Task<string> RegisterAsync(HttpClient enterprise)
    {
        using var response = await enterprise.PostAsJsonAsync("/api/projects", new
        {
            name = "湖州市域铁路经办测试段",
            ownerUscc = "91330500MA2JTR010T",
            county = Wuxing,
            type = "rail",
            track = "batch",
            areaMu = 200,
            cultivatedMu = 100,
            paddyMu = 40,
            grade = 7,
            permanentBasicFarmland = false,
            households = 12,
            supplyMode = "allocation",
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("code").GetString()!;
    }

    private static async Task SubmitAllDocumentsAsync(HttpClient enterprise, string code)
    {
        var status = await enterprise.GetFromJsonAsync<JsonElement>($"/api/projects/{code}");
        foreach (var missing in status.GetProperty("missingDocuments").EnumerateArray())
        {
            await SubmitDocumentAsync(enterprise, code, missing.GetProperty("key").GetString()!);
        }
    }

    private static async Task SubmitDocumentAsync(HttpClient enterprise, string code, string key)
    {
        using var response = await enterprise.PostAsJsonAsync($"/api/projects/{code}/documents", new { key });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<JsonElement>> HistoryAsync(HttpClient client, string code) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/projects/{code}/history?limit=500")).GetProperty("items").EnumerateArray()];
}
