using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workflow.Api.Contract.Tests;

/// <summary>
/// The document integrators generate clients from: published under docs/ exactly as served, and clean under Redocly's
/// recommended rules (every warning it accepts is listed, with its reason, in .redocly.lint-ignore.yaml).
/// </summary>
public sealed class OpenApiDocumentTests(ContractHost host) : IClassFixture<ContractHost>
{
    [Fact]
    public async Task PublishedDocument_IsWhatTheHostServes()
    {
        var served = await host.FetchDocumentAsync();

        // LANDFLOW_UPDATE_DOCS=1 rewrites the published copy after a change to the API.
        if (Environment.GetEnvironmentVariable("LANDFLOW_UPDATE_DOCS") == "1")
        {
            await File.WriteAllTextAsync(RepositoryFiles.PublishedDocument, served);
        }

        Assert.True(File.Exists(RepositoryFiles.PublishedDocument), "docs/openapi.json is missing: run the tests once with LANDFLOW_UPDATE_DOCS=1.");
        var published = await File.ReadAllTextAsync(RepositoryFiles.PublishedDocument);
        Assert.True(
            served == published,
            "docs/openapi.json differs from the document the host serves: run these tests with LANDFLOW_UPDATE_DOCS=1 and commit the file.");
    }

    [Fact]
    public async Task PublishedDocument_PassesRedoclyRecommendedRules()
    {
        var (exitCode, output, errors) = await NodeTool.RunAsync("redocly", RepositoryFiles.Root, "lint", "docs/openapi.json", "--format=json");

        // The JSON report is on stdout; Redocly's banners go elsewhere.
        var report = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
        var totals = report.GetProperty("totals");
        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at "
                + string.Join(", ", p.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("pointer").GetString())))
            .ToList();
        Assert.True(
            totals.GetProperty("errors").GetInt32() == 0 && totals.GetProperty("warnings").GetInt32() == 0,
            $"redocly lint (exit {exitCode}) found problems not justified in .redocly.lint-ignore.yaml:\n{string.Join("\n", problems)}\n{errors}");
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void LintIgnoreFile_GivesAReasonForEveryEntry()
    {
        var lines = File.ReadAllLines(RepositoryFiles.LintIgnoreFile);
        var unexplained = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            // An ignored location ("- '#/...'") must follow a comment that says why.
            if (Regex.IsMatch(lines[i], @"^\s*-\s*['""]?#/") && (i == 0 || !Regex.IsMatch(lines[i - 1], @"^\s*#\s*\S.{9,}")))
            {
                unexplained.Add($"line {i + 1}: {lines[i].Trim()}");
            }
        }

        Assert.True(lines.Any(line => line.TrimStart().StartsWith('-')), "The ignore file lists no entry; remove it instead.");
        Assert.True(unexplained.Count == 0, $"Entries of .redocly.lint-ignore.yaml without a reason on the line above:\n{string.Join("\n", unexplained)}");
    }
}
