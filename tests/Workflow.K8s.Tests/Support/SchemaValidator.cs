namespace Workflow.K8s.Tests;

/// <summary>
/// Runs tests/Workflow.K8s.Tests/schema/validate.mjs (npm kubernetes-models + js-yaml) with node over manifest
/// files: required fields, types and formats against the Kubernetes OpenAPI schemas, offline.
/// </summary>
internal static class SchemaValidator
{
    public const string InstallCommand = "npm ci --prefix tests/Workflow.K8s.Tests/schema";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<ProcessResult> ValidateAsync(Manifests manifests)
    {
        var modules = Path.Combine(RepositoryLayout.Schema, "node_modules", "kubernetes-models");
        if (!Directory.Exists(modules))
        {
            throw new InvalidOperationException(
                $"The schema validator's packages are not installed ({modules} is missing): run `{InstallCommand}` "
                + "from the repository root (.ci/run does).");
        }

        var directory = Path.Combine(Path.GetTempPath(), "landflow-k8s-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = manifests.WriteTo(directory);
            return await ProcessRunner.RunAsync("node", RepositoryLayout.Schema, ["validate.mjs", .. files], Timeout);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
