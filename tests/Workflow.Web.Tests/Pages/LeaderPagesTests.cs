using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;

namespace Workflow.Web.Tests;

/// <summary>The leader's pages in headless Chromium against the embedded host with the demo data.</summary>
[Collection(WebHostCollection.Name)]
public sealed class LeaderPagesTests(WebHostFixture host)
{
    [Fact]
    public async Task SignIn_Page_OffersTheDemoUsersInChinese()
    {
        var context = await host.Browser.NewContextAsync(new() { BaseURL = host.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/leader");

        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
        Assert.Equal("登录", await page.InnerTextAsync("h1"));
        Assert.True(await page.IsVisibleAsync("[data-testid=sign-in-leader-li]"));
        await Screenshots.TakeAsync(page, "sign-in");
        await context.CloseAsync();
    }

    [Fact]
    public async Task Leader_HeatmapRedCell_DrillsDownToAProject()
    {
        var page = await host.SignInAsync("leader-li");

        // A leader lands on the heatmap; its table holds the same cells as the chart, each a link.
        Assert.EndsWith("/leader", page.Url, StringComparison.Ordinal);
        var redCell = await WebHostFixture.ExpectAsync(page, "[data-testid=heatmap-table] td:not([data-red='0']) a");
        await page.Locator("[data-testid=heatmap-chart] svg").WaitForAsync();
        await Screenshots.TakeAsync(page, "leader-heatmap");

        await redCell.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/leader/cell", StringComparison.Ordinal) && url.Contains("light=red", StringComparison.Ordinal));
        var project = page.Locator("[data-testid=project-link]").First;
        await project.WaitForAsync();
        Assert.True(await page.Locator("[data-testid=cell-projects] [data-light=red]").CountAsync() > 0);
        await Screenshots.TakeAsync(page, "leader-cell");

        var code = await project.InnerTextAsync();
        await project.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/projects/" + code, StringComparison.Ordinal));
        await page.Locator("[data-testid=project-timeline] li").First.WaitForAsync();
        Assert.True(await page.Locator("[data-testid=project-diagram] [data-light=red]").CountAsync() > 0);
        await Screenshots.TakeAsync(page, "leader-project");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Leader_Heatmap_NamesTheTemplateItsRowsComeFrom()
    {
        var page = await host.SignInAsync("leader-li");

        // The rows are the newest land-acquisition template's (LAL_2020 v3, first step: project approval) ...
        var firstRow = await WebHostFixture.ExpectAsync(page, "[data-testid=heatmap-table] tbody th");
        Assert.Equal("立项（审批/核准/备案）", (await firstRow.InnerTextAsync()).Trim());

        // ... and the procedure's selector names that template, not the 2004 law's of the same procedure.
        var chosen = await page.EvaluateAsync<string>("""
            () => { const select = document.querySelector('.mud-select');
                    return select.innerText + ' ' + Array.from(select.querySelectorAll('input')).map(i => i.value).join(' '); }
            """);
        Assert.Contains("2021年《实施条例》", chosen, StringComparison.Ordinal);
        Assert.DoesNotContain("2004年", chosen, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Leader_CountyDiagram_ShowsTheHeatOnTheTemplate()
    {
        var page = await host.SignInAsync("leader-li");

        await page.GotoAsync("/leader/diagram");

        await WebHostFixture.ExpectAsync(page, "[data-testid=county-diagram] .lf-step");

        // The diagram is drawn step by step once its figures arrive: wait for it to be whole, not for its first box.
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=county-diagram] .lf-step').length >= 5");
        Assert.True(await page.Locator("[data-testid=county-diagram] .lf-step").CountAsync() >= 5);
        await Screenshots.TakeAsync(page, "leader-diagram");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Leader_Bulletin_ListsRankedCountiesAndLinksTheDownloads()
    {
        var page = await host.SignInAsync("leader-li");

        await page.GotoAsync("/leader/bulletin");

        await WebHostFixture.ExpectAsync(page, "[data-testid=bulletin-xlsx]");
        Assert.Contains("format=xlsx", await page.GetAttributeAsync("[data-testid=bulletin-xlsx]", "href"), StringComparison.Ordinal);
        Assert.Contains("format=html", await page.GetAttributeAsync("[data-testid=bulletin-html]", "href"), StringComparison.Ordinal);
        await Screenshots.TakeAsync(page, "leader-bulletin");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Leader_BulletinDownloads_OpenAsWorkbookAndPrintablePage()
    {
        var page = await host.SignInAsync("leader-li");
        await page.GotoAsync("/leader/bulletin");
        var excel = await WebHostFixture.ExpectAsync(page, "[data-testid=bulletin-xlsx]");
        await WebHostFixture.WaitInteractiveAsync(page);

        // The link the reader clicks, with the page's cookie and nothing else: the browser gets the workbook.
        var download = await page.RunAndWaitForDownloadAsync(() => excel.ClickAsync());
        using var workbook = new MemoryStream();
        await using (var stream = await download.CreateReadStreamAsync())
        {
            await stream.CopyToAsync(workbook);
        }

        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        using (var document = SpreadsheetDocument.Open(workbook, isEditable: false))
        {
            Assert.Contains("汇总", document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(sheet => sheet.Name?.Value));
        }

        var printable = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("[data-testid=bulletin-html]"));
        await printable.WaitForLoadStateAsync();
        Assert.Equal("用地审批一周一通报", await printable.InnerTextAsync("h1"));

        // Without the cookie the same link is sent to sign in, never given the file.
        var href = await excel.GetAttributeAsync("href");
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        using var refused = await anonymous.GetAsync(href);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/signin", refused.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Project_Page_ShowsStatusDiagramAndTimeline()
    {
        var page = await host.SignInAsync("leader-li");
        await page.GotoAsync("/projects");
        var first = page.Locator("[data-testid=projects] tbody a").First;
        await first.WaitForAsync();
        var code = await first.InnerTextAsync();

        await first.ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/projects/" + code, StringComparison.Ordinal));
        await page.Locator("[data-testid=project-timeline] li").First.WaitForAsync();
        Assert.True(await page.Locator("[data-testid=project-diagram] .lf-step").CountAsync() >= 5);
        Assert.Contains(code, await page.InnerTextAsync("[data-testid=project-status]"), StringComparison.Ordinal);
        await Screenshots.TakeAsync(page, "project");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Project_PhoneWidth_HasNoHorizontalScroll()
    {
        var page = await host.SignInAsync("leader-li", width: 390, height: 844);
        await page.GotoAsync("/projects");
        var first = page.Locator("[data-testid=projects] tbody a").First;
        await first.WaitForAsync();
        await first.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/projects/", StringComparison.Ordinal));

        // At a phone's width the page is tabs, the status first (the list's rows carry status lines too: wait for the tabs).
        await WebHostFixture.ExpectAsync(page, "[data-testid=project-tabs]");
        await page.Locator("[data-testid=project-tabs] [data-testid=project-status-line]").First.WaitForAsync();

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

        Assert.True(overflow <= 0, $"The page is {overflow} px wider than a 390 px screen.");
        await Screenshots.TakeAsync(page, "project-phone");
        await page.Context.CloseAsync();
    }
}
