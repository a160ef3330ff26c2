using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Workflow.Web.Tests;

/// <summary>The liaison (代办员) at work in headless Chromium: their desk, a land problem (涉土问题) recorded, assigned and
/// resolved on a project of theirs, a chase from the page; and the leaders' open problems per county. Each test registers
/// its own project (a fresh code), so it changes no demo project another test reads.</summary>
[Collection(WebHostCollection.Name)]
public sealed class LiaisonPagesTests(WebHostFixture host)
{
    private const string Liaison = "liaison-chen";

    [Fact]
    public async Task Liaison_LandProblem_RecordedAssignedResolvedAndChased_AllInTheHistory()
    {
        var code = await RegisterForLiaisonAsync();
        var page = await host.SignInAsync(Liaison);

        // A liaison lands on their desk: their projects, red and yellow first, and their open land problems.
        Assert.EndsWith("/liaison", page.Url, StringComparison.Ordinal);
        await WebHostFixture.ExpectAsync(page, "[data-testid=liaison-projects] [data-testid=project-link]");
        var lights = await page.Locator("[data-testid=liaison-projects] tbody [data-light]").EvaluateAllAsync<string[]>("chips => chips.map(c => c.dataset.light)");
        var severities = lights.Select(l => l switch { "red" => 2, "yellow" => 1, _ => 0 }).ToList();
        Assert.Equal(severities.OrderDescending(), severities);
        Assert.True(await page.IsVisibleAsync("[data-testid=liaison-inbox]"));
        await Screenshots.TakeAsync(page, "liaison-home");

        await page.GotoAsync($"/projects/{code}");
        await WebHostFixture.WaitInteractiveAsync(page);
        await WebHostFixture.ExpectAsync(page, "[data-testid=problem-new]");

        // Record, with the step it blocks, and confirm.
        await page.ClickAsync("[data-testid=problem-new]");
        await page.FillAsync(Field("problem-title", "input"), "安置区坟墓迁移未落实");
        await page.FillAsync(Field("problem-description", "textarea"), "地块内3处坟墓，家属尚未同意迁移");
        await page.SelectOptionAsync("[data-testid=problem-step]", "survey");
        await page.ClickAsync("[data-testid=problem-save]");
        await page.ClickAsync("[data-testid=problem-confirm]");
        await page.Locator("[data-testid=problem][data-id='1'][data-state=open]").WaitForAsync();

        // Assign it to a department (names from the labels, keys from the templates).
        await page.ClickAsync("[data-testid=problem][data-id='1'] [data-testid=problem-assign]");
        await page.SelectOptionAsync("[data-testid=problem-department-select]", "natural-resources");
        await page.FillAsync(Field("problem-note", "textarea"), "请自然资源局协调");
        await page.ClickAsync("[data-testid=problem-save]");
        await page.ClickAsync("[data-testid=problem-confirm]");
        await page.Locator("[data-testid=problem-saved]").WaitForAsync();
        Assert.Contains("自然资源", await page.InnerTextAsync("[data-testid=problem][data-id='1'] [data-testid=problem-department]"), StringComparison.Ordinal);

        // Resolve it with a note.
        await page.ClickAsync("[data-testid=problem][data-id='1'] [data-testid=problem-resolve]");
        await page.FillAsync(Field("problem-note", "textarea"), "家属已同意，坟墓已迁移");
        await page.ClickAsync("[data-testid=problem-save]");
        await page.ClickAsync("[data-testid=problem-confirm]");
        await page.Locator("[data-testid=problem][data-id='1'][data-state=resolved]").WaitForAsync();
        Assert.Contains("坟墓已迁移", await page.InnerTextAsync("[data-testid=problem-resolution]"), StringComparison.Ordinal);
        // Clicking scrolled the page; a full-page picture is taken from the top, or the fixed app bar lands mid-page.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Screenshots.TakeAsync(page, "liaison-problems");

        // Chase the open step, with a reason and a confirmation.
        await page.FillAsync(Field("chase-reason", "input"), "请本周内受理");
        await page.ClickAsync("[data-testid=chase-button]");
        await page.ClickAsync("[data-testid=chase-confirm]");
        await page.Locator("[data-testid=chase-done]").WaitForAsync();

        // The history says it all.
        await page.ReloadAsync();
        var timeline = page.Locator("[data-testid=project-timeline]");
        await timeline.Locator("li").First.WaitForAsync();
        var history = await timeline.InnerTextAsync();
        foreach (var expected in new[] { "记录涉土问题", "涉土问题交办", "涉土问题已解决", "家属已同意，坟墓已迁移", "催办", "请本周内受理" })
        {
            Assert.Contains(expected, history, StringComparison.Ordinal);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Leader_OpenLandProblems_ShowTheOpenOnePerCounty()
    {
        var code = await RegisterForLiaisonAsync();
        using var liaison = await host.ApiClientAsync(Liaison);
        using (var recorded = await liaison.PostAsJsonAsync($"/api/projects/{code}/problems", new { title = "征地范围边界争议" }))
        {
            recorded.EnsureSuccessStatusCode();
        }

        var page = await host.SignInAsync("leader-li");
        await page.GotoAsync("/leader/problems?county=330502");

        // The read model follows the history a moment later: reload until the projection has it.
        var row = page.Locator($"[data-testid=open-problems] a[href='/projects/{code}']");
        for (var attempt = 0; attempt < 30 && await row.CountAsync() == 0; attempt++)
        {
            await WebHostFixture.ExpectAsync(page, "[data-testid=problems-per-county]");
            if (await row.CountAsync() == 0)
            {
                await page.ReloadAsync(new() { WaitUntil = WaitUntilState.NetworkIdle });
            }
        }

        Assert.Equal(1, await row.CountAsync());
        Assert.NotEqual("0", await page.InnerTextAsync("[data-testid=problems-per-county] tr[data-county='330502'] [data-testid=county-count]"));
        await Screenshots.TakeAsync(page, "leader-problems");
        await page.Context.CloseAsync();
    }

    /// <summary>A MudBlazor field's own input, whether the test id lands on the input or on the field around it.</summary>
    private static string Field(string testId, string element) => $"{element}[data-testid={testId}], [data-testid={testId}] {element}";

    /// <summary>A fresh project of the rail company in 吴兴, with the liaison assigned by a leader, over the API.</summary>
    private async Task<string> RegisterForLiaisonAsync()
    {
        var registration = new JsonObject
        {
            ["name"] = "湖州市域铁路代办示范段", ["ownerUscc"] = "91330500MA2JTR010T", ["county"] = "330502", ["type"] = "rail", ["track"] = "batch",
            ["areaMu"] = 120, ["cultivatedMu"] = 60, ["paddyMu"] = 20, ["grade"] = 7, ["permanentBasicFarmland"] = false, ["households"] = 6,
            ["supplyMode"] = "allocation",
        };
        using var enterprise = await host.ApiClientAsync("ent-rail");
        using var leader = await host.ApiClientAsync("leader-li");
        using var registered = await enterprise.PostAsJsonAsync("/api/projects", registration);
        registered.EnsureSuccessStatusCode();
        var code = JsonNode.Parse(await registered.Content.ReadAsStringAsync())!["code"]!.GetValue<string>();
        using var assigned = await leader.PostAsJsonAsync($"/api/projects/{code}/liaison", new { liaison = Liaison });
        assigned.EnsureSuccessStatusCode();
        return code;
    }

}
