using System.Text.Json;

namespace Workflow.Gateway.Tests;

/// <summary>The cluster gateway holds no rule, grain, store, database driver or demo data: what it ships is what its
/// build's dependency file lists (and its published output copies exactly those).</summary>
public sealed class GatewayLayoutTests
{
    private static readonly string[] Forbidden =
    [
        "Workflow.Domain", "Workflow.Grains", "Workflow.Storage", "Workflow.Storage.Sqlite", "Workflow.Storage.Postgres",
        "Workflow.Clustering.Postgres", "Workflow.Hosting", "Workflow.Demo", "Workflow.Embedded", "Workflow.Silo",
        "Npgsql", "Npgsql.OpenTelemetry", "Microsoft.Data.Sqlite", "Microsoft.Data.Sqlite.Core", "SQLitePCLRaw.core",
        "Microsoft.Orleans.Server",
    ];

    [Fact]
    public void GatewayDependencies_BuildOutput_HoldNoDomainGrainStoreDatabaseOrDemoAssembly()
    {
        var libraries = DependencyLibraries();

        Assert.Contains("Workflow.Contracts", libraries);
        Assert.Contains("Workflow.ServiceDefaults", libraries);
        Assert.Contains("Workflow.Web", libraries);
        Assert.Empty(libraries.Intersect(Forbidden, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void GatewayBuildOutput_Files_HoldNoForbiddenAssembly()
    {
        var assemblies = Directory.GetFiles(ClusterGatewayProcess.BuildOutput(), "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToList();

        Assert.Contains("Workflow.Gateway", assemblies);
        Assert.Empty(assemblies.Intersect(Forbidden, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task GatewayPublishedOutput_Files_HoldNoForbiddenAssembly()
    {
        // What a container image gets: `dotnet publish` of the build this test runs against (no second build).
        var output = Directory.CreateTempSubdirectory("landflow-gateway-publish-");
        try
        {
            var info = new System.Diagnostics.ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "publish", ClusterGatewayProcess.ProjectPath(), "-c", ClusterGatewayProcess.Configuration(), "--no-build", "-o", output.FullName, "-nologo" })
            {
                info.ArgumentList.Add(argument);
            }

            using var publish = System.Diagnostics.Process.Start(info)!;
            var log = await publish.StandardOutput.ReadToEndAsync() + await publish.StandardError.ReadToEndAsync();
            await publish.WaitForExitAsync();
            Assert.True(publish.ExitCode == 0, log);

            var assemblies = Directory.GetFiles(output.FullName, "*.dll").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList();
            Assert.Contains("Workflow.Gateway", assemblies);
            Assert.Contains("Workflow.Contracts", assemblies);
            Assert.Empty(assemblies.Intersect(Forbidden, StringComparer.OrdinalIgnoreCase));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    /// <summary>The names of every library (project or package) in <c>Workflow.Gateway.deps.json</c>.</summary>
    private static HashSet<string> DependencyLibraries()
    {
        var path = Path.Combine(ClusterGatewayProcess.BuildOutput(), "Workflow.Gateway.deps.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("libraries").EnumerateObject()
            .Select(library => library.Name.Split('/')[0])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
