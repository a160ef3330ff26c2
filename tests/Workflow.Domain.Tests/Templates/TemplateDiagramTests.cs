using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class TemplateDiagramTests
{
    [Fact]
    public void Mermaid_Lal2020_DrawsEveryStepAndEveryDependency()
    {
        var template = TemplateCatalog.Embedded().Get("LAL_2020", 1);

        var diagram = TemplateDiagram.Mermaid(template);

        Assert.All(template.Steps, s => Assert.Contains($"    {s.Key}", diagram, StringComparison.Ordinal));
        Assert.Equal(template.Steps.Sum(s => s.DependsOn.Count), diagram.Split('\n').Count(l => l.Contains("-->", StringComparison.Ordinal)));
        Assert.Contains("agreements -- \"agreements-incomplete\" --> filing", diagram, StringComparison.Ordinal);
    }

    [Fact]
    public void Document_InTheRepository_MatchesTheTemplates()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "workflow.md");
        var expected = TemplateDiagram.Document(TemplateCatalog.Embedded());
        if (Environment.GetEnvironmentVariable("LANDFLOW_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with LANDFLOW_UPDATE_DOCS=1.");
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void Readme_WorkflowSection_MatchesTheLal2020Template()
    {
        var path = Path.Combine(RepositoryRoot(), "README.md");
        var readme = File.ReadAllText(path);
        const string start = "<!-- workflow:LAL_2020 -->\n";
        const string end = "<!-- /workflow -->";
        var from = readme.IndexOf(start, StringComparison.Ordinal) + start.Length;
        var to = readme.IndexOf(end, from, StringComparison.Ordinal);
        var expected = "```mermaid\n" + TemplateDiagram.Mermaid(TemplateCatalog.Embedded().Get("LAL_2020", 1)) + "```\n";
        if (Environment.GetEnvironmentVariable("LANDFLOW_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, readme[..from] + expected + readme[to..]);
            readme = File.ReadAllText(path);
            to = readme.IndexOf(end, from, StringComparison.Ordinal);
        }

        Assert.True(from >= start.Length && to > from, "README.md lacks the workflow markers.");
        Assert.Equal(expected, readme[from..to]);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Workflow.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Workflow.sln not found above the test binaries.");
    }
}
