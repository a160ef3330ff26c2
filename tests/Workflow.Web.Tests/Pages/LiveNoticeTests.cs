namespace Workflow.Web.Tests;

/// <summary>A notice reaches an open page over its Blazor connection, without reloading, when the dev clock turns a step red.</summary>
[Collection(WebHostCollection.Name)]
public sealed class LiveNoticeTests(WebHostFixture host)
{
    [Fact]
    public async Task Inbox_ClockTurnsAStepRed_RedNoticeAppearsWithoutReload()
    {
        var page = await host.SignInAsync("leader-li");
        await page.GotoAsync("/inbox");
        await WebHostFixture.WaitInteractiveAsync(page);
        await WebHostFixture.ExpectAsync(page, "[data-testid=inbox-list]");
        var before = await page.Locator("[data-testid=notice][data-light=red]").CountAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;

        // Working days pass: open steps of the demo projects run out of time and turn red.
        await host.AdvanceClockAsync("P20D");

        await page.WaitForFunctionAsync(
            $"() => document.querySelectorAll('[data-testid=notice][data-light=red]').length > {before}",
            null,
            new() { Timeout = 30_000 });
        Assert.Equal(0, navigations);
        Assert.True(await page.IsVisibleAsync("[data-testid=inbox-badge] .mud-badge"));
        await Screenshots.TakeAsync(page, "leader-inbox");
        await page.Context.CloseAsync();
    }
}
