using Microsoft.Playwright;

namespace Workflow.Web.Tests;

/// <summary>The campaigns' pages (双月攻坚) in headless Chromium against the embedded host with the demo data.</summary>
[Collection(WebHostCollection.Name)]
public sealed class CampaignPagesTests(WebHostFixture host)
{
    [Fact]
    public async Task Leader_OpensACampaignThroughThePage_SeesItsWeeklyProgressAndFindsItListed()
    {
        var page = await host.SignInAsync("leader-li");
        await page.GotoAsync("/leader/campaigns");
        await WebHostFixture.WaitInteractiveAsync(page);
        var title = "审批环节攻坚 " + Guid.NewGuid().ToString("N")[..6];

        await (await WebHostFixture.ExpectAsync(page, "[data-testid=campaign-new]")).ClickAsync();
        var form = page.Locator("[data-testid=campaign-form]");
        await form.WaitForAsync();
        await Field(form, "campaign-title").FillAsync(title);
        // The default window is this week and the next seven; start it 12 weeks back so the demo's completions count.
        var last = DateOnly.Parse(await Field(form, "campaign-last").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await Field(form, "campaign-first").FillAsync(last.AddDays(-140).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Field(form, "campaign-step-approval").CheckAsync();
        await Field(form, "campaign-target").FillAsync("100");
        await page.ClickAsync("[data-testid=campaign-save]");

        await page.WaitForURLAsync(url => url.Contains("/leader/campaigns/camp-", StringComparison.Ordinal));
        var rows = await WebHostFixture.ExpectAsync(page, "[data-testid=campaign-weeks] tbody tr");
        Assert.Equal(title, await page.InnerTextAsync("[data-testid=campaign-title]"));
        Assert.Equal(21, await page.Locator("[data-testid=campaign-weeks] tbody tr").CountAsync());
        await page.Locator("[data-testid=campaign-chart] svg").WaitForAsync();
        // The table's cumulative column ends at the campaign's total.
        var total = await page.InnerTextAsync("[data-testid=campaign-completions]");
        Assert.Equal(total, await page.InnerTextAsync("[data-testid=campaign-weeks] tbody tr:last-child td:nth-of-type(3)"));
        Assert.NotNull(await page.GetAttributeAsync("[data-testid=campaign-verdict] [data-verdict]", "data-verdict"));
        await Screenshots.TakeAsync(page, "leader-campaign");

        // On a phone the chart and the table fit (the table scrolls in its own box); in English no label is left in Chinese.
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0, "wider than 390 px");
        var campaignPath = new Uri(page.Url).AbsolutePath;
        await page.GotoAsync($"/culture?lang=en&returnUrl={Uri.EscapeDataString(campaignPath)}");
        await page.WaitForURLAsync(url => url.EndsWith(campaignPath, StringComparison.Ordinal));
        await WebHostFixture.ExpectAsync(page, "[data-testid=campaign-weeks] tbody tr");
        var chrome = await TranslationTests.ChromeTextAsync(page);
        Assert.DoesNotMatch(TranslationTests.Cjk(), chrome);
        Assert.DoesNotMatch(TranslationTests.MissingKey(), chrome);
        await page.GotoAsync("/culture?lang=zh-CN&returnUrl=%2Fleader%2Fcampaigns");

        var id = campaignPath[(campaignPath.LastIndexOf('/') + 1)..];
        await page.GotoAsync("/leader/campaigns");
        var listed = await WebHostFixture.ExpectAsync(page, $"[data-testid=campaigns] tr[data-campaign='{id}']");
        Assert.Contains(title, await listed.InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    // MudBlazor puts a field's attributes on its input or on the element around it, depending on the control.
    private static ILocator Field(ILocator form, string testId) =>
        form.Locator($"[data-testid={testId}] input, input[data-testid={testId}]").First;

    [Fact]
    public async Task Leader_OpensACampaignWithoutAStep_SeesTheRefusalAndStaysOnTheForm()
    {
        var page = await host.SignInAsync("leader-li");
        await page.GotoAsync("/leader/campaigns");
        await WebHostFixture.WaitInteractiveAsync(page);

        await (await WebHostFixture.ExpectAsync(page, "[data-testid=campaign-new]")).ClickAsync();
        var form = page.Locator("[data-testid=campaign-form]");
        await form.WaitForAsync();
        await Field(form, "campaign-title").FillAsync("没有环节的攻坚");
        await page.ClickAsync("[data-testid=campaign-save]");

        await form.Locator("[data-testid=refusal]").WaitForAsync();
        Assert.Equal("invalid-campaign", await form.Locator("[data-testid=refusal]").GetAttributeAsync("data-rule"));
        Assert.EndsWith("/leader/campaigns", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
