using Microsoft.Playwright;

namespace Workflow.Web.Tests;

/// <summary>Every control a person can reach on each persona's first screen has a name a screen reader says: its text, a
/// label, <c>aria-label</c>/<c>aria-labelledby</c> or a title; and it can be reached by the keyboard (an input's adornment
/// button excepted: its input takes the keyboard).</summary>
[Collection(WebHostCollection.Name)]
public sealed class AccessibleControlsTests(WebHostFixture host)
{
    private const string UnnamedControls = """
        () => {
            const visible = e => e.offsetParent !== null && !e.closest('[aria-hidden=true]');
            const named = e =>
                (e.getAttribute('aria-label') || '').trim() !== '' ||
                (e.getAttribute('aria-labelledby') || '').split(' ').some(id => id && (document.getElementById(id)?.innerText || '').trim() !== '') ||
                (e.getAttribute('title') || '').trim() !== '' ||
                (e.labels && [...e.labels].some(l => l.innerText.trim() !== '')) ||
                (['BUTTON', 'A'].includes(e.tagName) && e.innerText.trim() !== '');
            return [...document.querySelectorAll('button, a[href], input:not([type=hidden]), select, textarea')]
                .filter(visible)
                // An input's adornment button (a select's arrow, a field's search icon) is a pointer's shortcut: the input itself
                // takes the keyboard, so only the name is asked of it.
                .filter(e => !named(e) || (e.tabIndex < 0 && !e.classList.contains('mud-input-adornment-icon-button')))
                .map(e => (named(e) ? 'out of the tab order: ' : 'no name: ') + e.outerHTML.replace(/<svg.*<\/svg>/s, '<svg/>').slice(0, 300));
        }
        """;

    [Theory]
    [InlineData("leader-li", "/leader")]
    [InlineData("off-drc", "/tasks")]
    [InlineData("liaison-chen", "/liaison")]
    [InlineData("ent-rail", "/projects")]
    [InlineData("ent-rail", "/projects/new")]
    public async Task FirstScreen_EveryControl_HasANameAndTakesTheKeyboard(string user, string path)
    {
        var page = await host.SignInAsync(user);
        await page.GotoAsync(path);
        await WebHostFixture.WaitInteractiveAsync(page);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var unnamed = await page.EvaluateAsync<string[]>(UnnamedControls);

        Assert.True(unnamed.Length == 0, $"{path}: controls without a name or out of the tab order:\n{string.Join("\n", unnamed)}");
        await page.Context.CloseAsync();
    }
}
