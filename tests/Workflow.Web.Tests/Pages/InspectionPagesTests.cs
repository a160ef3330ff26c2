using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Workflow.Web.Tests;

/// <summary>Execution inspections (执行力检查) in the browser: a leader opens one through the page's form, the inspected
/// unit's officer rectifies a finding through theirs, and the leader sees it rectified.</summary>
[Collection(WebHostCollection.Name)]
public sealed class InspectionPagesTests(WebHostFixture host)
{
    // The findings once the interactive circuit has drawn them: the prerendered copy before it has no click handlers.
    private const string Live = "[data-live=true] [data-testid=findings]";

    [Fact]
    public async Task Inspection_OpenedByLeaderRectifiedByTheUnitsOfficer_LeaderSeesItRectified()
    {
        var title = "二季度执行力检查 " + Guid.NewGuid().ToString("N")[..8];

        // A leader opens an inspection of Changxing's natural resources bureau with two findings.
        var leader = await host.SignInAsync("leader-li");
        await leader.GotoAsync("/leader/inspections");
        await (await WebHostFixture.ExpectAsync(leader, "[data-testid=inspection-open][data-live=true]")).ClickAsync();
        await Field(leader, "inspection-title").FillAsync(title);
        await ChooseAsync(leader, "inspection-county", "长兴县");
        await ChooseAsync(leader, "inspection-department", "自然资源和规划局");
        await Field(leader, "finding-text").FillAsync("用地报批材料归档不全");
        await Field(leader, "finding-days").FillAsync("5");
        await leader.ClickAsync("[data-testid=finding-add]");
        await Field(leader, "finding-text", 1).FillAsync("批后监管台账缺失");
        await leader.ClickAsync("[data-testid=inspection-submit]");

        await leader.WaitForURLAsync(new Regex("/leader/inspections/insp-[0-9a-f]+$"));
        var id = leader.Url[(leader.Url.LastIndexOf('/') + 1)..];
        await WebHostFixture.ExpectAsync(leader, Live);
        Assert.Equal(title, await leader.InnerTextAsync("[data-testid=inspection-title]"));
        Assert.Equal(["f1 open", "f2 open"], await States(leader));
        Assert.Contains("长兴县", await leader.InnerTextAsync("[data-testid=inspection-unit]"), StringComparison.Ordinal);

        // The unit's officer finds it under their menu; an empty answer is refused, a reason with a confirmation recorded.
        var officer = await host.SignInAsync("off-nr-changxing");
        // The menu offers the page; it is opened by its address, so a click that lands before the page is live is not lost.
        await WebHostFixture.ExpectAsync(officer, "a[href='/inspections']");
        await officer.GotoAsync("/inspections");
        var link = await WebHostFixture.ExpectAsync(officer, $"[data-testid=inspection-link][data-inspection={id}]");
        await link.ClickAsync();
        await officer.WaitForURLAsync(url => url.EndsWith("/inspections/" + id, StringComparison.Ordinal));
        await WebHostFixture.ExpectAsync(officer, Live);

        await RectifyAsync(officer, "f2", "");
        Assert.Equal("reason-required", await (await officer.WaitForSelectorAsync("[data-testid=refusal]"))!.GetAttributeAsync("data-rule"));

        await RectifyAsync(officer, "f1", "已补齐2026年度用地报批材料并归档");
        await officer.Locator("[data-testid=finding-state][data-finding=f1][data-state=rectified]").WaitForAsync();
        Assert.Equal(0, await officer.Locator("[data-testid=refusal]").CountAsync());

        // The leader sees it rectified, with what was done, and the other finding still open.
        await leader.ReloadAsync();
        var rectified = leader.Locator($"{Live} [data-testid=finding-state][data-finding=f1][data-state=rectified]");
        await rectified.WaitForAsync();
        Assert.Contains("已补齐2026年度用地报批材料并归档", await rectified.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(["f1 rectified", "f2 open"], await States(leader));
        await Screenshots.TakeAsync(leader, "leader-inspection");

        await leader.GotoAsync("/leader/inspections");
        await WebHostFixture.ExpectAsync(leader, $"[data-testid=inspection-link][data-inspection={id}]");
        await officer.Context.CloseAsync();
        await leader.Context.CloseAsync();

        // On a phone both pages fit the width.
        var phone = await host.SignInAsync("leader-li", width: 390, height: 844);
        foreach (var path in new[] { "/leader/inspections", "/leader/inspections/" + id })
        {
            await phone.GotoAsync(path);
            await WebHostFixture.ExpectAsync(phone, path.EndsWith(id, StringComparison.Ordinal) ? Live : "[data-testid=inspections]");
            var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow} px wider than a 390 px screen.");
        }

        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task Inspections_Enterprise_RefusedByTheRegistryAndNoMenuEntry()
    {
        var page = await host.SignInAsync("ent-rail");

        await page.GotoAsync("/inspections");

        // The registry decides: an enterprise is refused (shown as a refusal, not an empty list), and no menu leads there.
        var refusal = page.Locator("[data-testid=refusal]");
        await refusal.WaitForAsync();
        Assert.Equal("role-forbidden", await refusal.GetAttributeAsync("data-rule"));
        Assert.Equal(0, await page.Locator("[data-testid=inspections]").CountAsync());
        Assert.Equal(0, await page.Locator("a[href='/inspections'], a[href='/leader/inspections']").CountAsync());
        await page.Context.CloseAsync();
    }

    /// <summary>"f1 open", "f2 rectified": each finding's state as the page shows it, in order.</summary>
    private static async Task<string[]> States(IPage page) =>
        await page.EvaluateAsync<string[]>(
            "() => Array.from(document.querySelectorAll('[data-testid=finding-state]')).map(e => e.dataset.finding + ' ' + e.dataset.state)");

    private static async Task RectifyAsync(IPage page, string finding, string reason)
    {
        await page.ClickAsync($"[data-testid=rectify-{finding}]");
        await Field(page, "rectify-reason").FillAsync(reason);
        await page.ClickAsync("[data-testid=rectify-submit]");
        // The confirmation: nothing is recorded before the officer says so.
        await page.Locator(".mud-dialog .mud-button").Filter(new() { HasTextRegex = new Regex("^\\s*确认登记\\s*$") }).ClickAsync();
    }

    /// <summary>The input or text area a MudBlazor field's data-testid names (on the element or on its wrapper).</summary>
    private static ILocator Field(IPage page, string testId, int index = 0) =>
        page.Locator($":is(input, textarea)[data-testid={testId}], [data-testid={testId}] :is(input, textarea)").Nth(index);

    private static async Task ChooseAsync(IPage page, string testId, string option)
    {
        await page.Locator($".mud-select:has([data-testid={testId}]), .mud-select[data-testid={testId}]").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}\\s*$") }).First.ClickAsync();
    }
}
