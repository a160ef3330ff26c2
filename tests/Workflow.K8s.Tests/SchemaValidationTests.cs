namespace Workflow.K8s.Tests;

/// <summary>Every document in k8s/ against the Kubernetes OpenAPI schemas (required fields, types, formats),
/// offline, with npm kubernetes-models run by node. Fails, never skips, when node or the packages are missing.</summary>
public sealed class SchemaValidationTests
{
    [Fact]
    public async Task Manifests_Schema_Valid()
    {
        var manifests = Manifests.Load();

        var result = await SchemaValidator.ValidateAsync(manifests);

        Assert.True(result.ExitCode == 0, result.ToString());
        var documents = manifests.LoadStrict().Count;
        Assert.Contains($"validated {documents} documents in {manifests.Files.Count} files", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_ContainerWithoutName_Fails()
    {
        var manifests = Manifests.Load().Edit("gateway-deployment.yaml", text => text.Replace(
            "        - name: gateway\n          image:", "        - image:", StringComparison.Ordinal));

        var result = await SchemaValidator.ValidateAsync(manifests);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("gateway-deployment.yaml", result.Output, StringComparison.Ordinal);
        Assert.Contains("must have required property", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_ReplicasNotANumber_Fails()
    {
        var manifests = Manifests.Load().Edit("silo-deployment.yaml", text => text.Replace(
            "replicas: 3", "replicas: three", StringComparison.Ordinal));

        var result = await SchemaValidator.ValidateAsync(manifests);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/spec/replicas must be integer", result.Output, StringComparison.Ordinal);
    }
}
