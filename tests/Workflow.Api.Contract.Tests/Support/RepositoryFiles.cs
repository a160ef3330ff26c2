namespace Workflow.Api.Contract.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>The published copy of the document, kept identical to what the host serves.</summary>
    public static string PublishedDocument => Path.Combine(Root, "docs", "openapi.json");

    /// <summary>Redocly's ignore file: every warning the lint accepts, each with its reason.</summary>
    public static string LintIgnoreFile => Path.Combine(Root, ".redocly.lint-ignore.yaml");

    /// <summary>Where <c>npm ci</c> installs Redocly and Prism (scripts/test).</summary>
    public static string Tools => Path.Combine(Root, "tests", "Workflow.Api.Contract.Tests", "tools");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Workflow.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Workflow.sln above {AppContext.BaseDirectory}.");
    }
}
