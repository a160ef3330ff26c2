using Workflow.Hosting;

namespace Workflow.K8s.Tests;

/// <summary>docs/kubernetes.md shows the settings table the code's catalogue renders, not a copy gone stale.</summary>
public sealed class KubernetesDocTests
{
    private const string Start = "<!-- settings:LandFlowSettings -->\n";
    private const string End = "<!-- /settings -->";

    [Fact]
    public void KubernetesDoc_SettingsTable_IsTheCatalogues()
    {
        var doc = File.ReadAllText(RepositoryLayout.PathOf("docs", "kubernetes.md")).ReplaceLineEndings("\n");
        var from = doc.IndexOf(Start, StringComparison.Ordinal);
        var to = doc.IndexOf(End, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, $"docs/kubernetes.md has no {Start.Trim()} ... {End} block");

        var shown = doc[(from + Start.Length)..to];
        var table = LandFlowSettings.ToMarkdownTable();

        Assert.True(shown == table, $"docs/kubernetes.md's settings table differs from LandFlowSettings; put this between the markers:\n{table}");
    }
}
