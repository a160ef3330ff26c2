namespace Workflow.K8s.Tests;

/// <summary>Every document in k8s/ loads into KubernetesClient's models strictly: a misspelled or
/// unknown field anywhere fails (the schema check ignores those).</summary>
public sealed class ManifestLoadTests
{
    [Fact]
    public void Manifests_StrictLoad_EveryDocumentLoads()
    {
        var objects = Manifests.Load().LoadStrict();

        Assert.NotEmpty(objects);
        Assert.All(objects, o => Assert.False(string.IsNullOrWhiteSpace(o.Metadata?.Name), $"{o.File}: a {o.Kind} without a name"));
    }

    [Fact]
    public void StrictLoad_MisspelledPodField_Fails()
    {
        var manifests = Manifests.Load().Edit("silo-deployment.yaml", text => text.Replace(
            "terminationGracePeriodSeconds:", "terminationGracePeriodSecond:", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(manifests.LoadStrict);

        Assert.Contains("silo-deployment.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("terminationGracePeriodSecond", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StrictLoad_MisspelledProbeField_Fails()
    {
        var manifests = Manifests.Load().Edit("gateway-deployment.yaml", text => text.Replace(
            "readinessProbe:", "readynessProbe:", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(manifests.LoadStrict);

        Assert.Contains("gateway-deployment.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kustomization_Resources_ListEveryManifestButTheSecrets()
    {
        var listed = Kustomization.Resources(File.ReadAllText(Path.Combine(RepositoryLayout.K8s, Kustomization.FileName)));
        // secret.yaml is the operator's filled-in copy of the template, git-ignored.
        var notListed = new[] { Kustomization.FileName, Manifests.SecretTemplate, "secret.yaml" };
        var onDisk = Directory.GetFiles(RepositoryLayout.K8s, "*.yaml").Select(Path.GetFileName).OfType<string>()
            .Where(name => !notListed.Contains(name));

        Assert.Equal(onDisk.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
    }
}
