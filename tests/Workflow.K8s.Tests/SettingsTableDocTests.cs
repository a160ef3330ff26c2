using Workflow.ServiceDefaults;

namespace Workflow.K8s.Tests;

/// <summary>
/// README.md and docs/kubernetes.md show the settings table the code's catalogue renders, not a copy gone stale.
/// Run the tests with <c>LANDFLOW_UPDATE_DOCS=1</c> to rewrite the tables between the markers.
/// </summary>
public sealed class SettingsTableDocTests
{
    private const string Start = "<!-- settings:LandFlowSettings -->\n";
    private const string End = "<!-- /settings -->";

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/kubernetes.md")]
    public void Doc_SettingsTable_IsTheCatalogues(string file)
    {
        var path = RepositoryLayout.PathOf(file.Split('/'));
        var table = LandFlowSettings.ToMarkdownTable();
        var doc = File.ReadAllText(path).ReplaceLineEndings("\n");
        var (from, to) = Markers(doc);
        Assert.True(from >= 0 && to >= from, $"{file} has no {Start.Trim()} ... {End} block");
        if (Environment.GetEnvironmentVariable("LANDFLOW_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, doc[..from] + table + doc[to..]);
            doc = File.ReadAllText(path);
            (from, to) = Markers(doc);
        }

        var shown = doc[from..to];

        Assert.True(shown == table, $"{file}'s settings table differs from LandFlowSettings; run the tests with LANDFLOW_UPDATE_DOCS=1 to rewrite it, or put this between the markers:\n{table}");
    }

    /// <summary>Where the table starts (after the opening marker) and ends (at the closing one); -1 when absent.</summary>
    private static (int From, int To) Markers(string doc)
    {
        var start = doc.IndexOf(Start, StringComparison.Ordinal);
        return start < 0 ? (-1, -1) : (start + Start.Length, doc.IndexOf(End, start, StringComparison.Ordinal));
    }
}
