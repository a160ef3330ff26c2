using k8s.Models;
using Workflow.ServiceDefaults;

namespace Workflow.K8s.Tests;

/// <summary>The closed cluster (docs/clustering.md, "TLS"): every silo and gateway mounts the TLS Secret where its
/// settings look, only LandFlow's own pods reach the silo ports, and no LandFlow pod may act on the Kubernetes API.</summary>
public sealed class ClusterSecurityTests
{
    private const string TlsSecret = "landflow-cluster-tls";
    private static readonly string[] TlsFileSettings = [LandFlowSettings.TlsCertificatePath, LandFlowSettings.TlsKeyPath, LandFlowSettings.TlsCaPath];
    private static readonly IReadOnlyList<ManifestObject> Objects = Manifests.Load().LoadStrict();

    [Fact]
    public void LandFlowContainers_TlsSettings_NameFilesOfTheMountedTlsSecret()
    {
        var secret = (V1Secret)Objects.Single<V1Secret>(TlsSecret).Resource;
        var keys = (secret.StringData?.Keys ?? []).Concat(secret.Data?.Keys ?? []).ToHashSet(StringComparer.Ordinal);
        // Not the init containers: the silo's migrate command opens no cluster port.
        var containers = Objects.LandFlowContainers().Where(c => !c.IsInit).ToList();

        Assert.Equal("kubernetes.io/tls", secret.Type);
        Assert.Equal(["ca.crt", "tls.crt", "tls.key"], keys.Order(StringComparer.Ordinal));
        Assert.Contains(containers, c => c.Process == LandFlowProcess.Silo);
        Assert.Contains(containers, c => c.Process == LandFlowProcess.Gateway);
        foreach (var landFlow in containers)
        {
            var passed = Objects.PassedVariables(landFlow.Container, []);
            foreach (var setting in TlsFileSettings)
            {
                var name = setting.Replace(":", "__", StringComparison.Ordinal);
                var path = passed.SingleOrDefault(v => v.Name == name)?.Value;
                Assert.True(path is not null, $"{landFlow}: {name} is not passed");
                var mount = (landFlow.Container.VolumeMounts ?? []).SingleOrDefault(m => path.StartsWith(m.MountPath.TrimEnd('/') + "/", StringComparison.Ordinal));
                Assert.True(mount is not null, $"{landFlow}: nothing is mounted where {name} ({path}) points");
                var volume = landFlow.Template.Spec.Volumes.Single(v => v.Name == mount.Name);
                var file = path[(mount.MountPath.TrimEnd('/').Length + 1)..];

                Assert.True(volume.Secret?.SecretName == TlsSecret, $"{landFlow}: {path} is in volume {volume.Name}, not Secret {TlsSecret}");
                Assert.True(mount.SubPath is null, $"{landFlow}: a subPath mount never sees a renewed Secret");
                Assert.True(volume.Secret.Items is null && keys.Contains(file), $"{landFlow}: {name} names {file}, which Secret {TlsSecret} does not hold");
            }
        }
    }

    [Fact]
    public void SiloNetworkPolicy_AdmitsOnlyLandFlowPodsOnTheSiloPorts()
    {
        var problems = SiloIngress.Check(Objects);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("              app.kubernetes.io/component: gateway\n", "")]
    [InlineData("        - podSelector:\n            matchLabels:\n              app.kubernetes.io/name: landflow\n              app.kubernetes.io/component: silo\n",
        "        - namespaceSelector: {}\n")]
    [InlineData("          port: 30000\n", "          port: 8080\n")]
    public void SiloIngress_PolicyOpenedOrWrong_Reported(string from, string to)
    {
        var edited = Manifests.Load().Edit("silo-networkpolicy.yaml", text => text.Replace(from, to, StringComparison.Ordinal)).LoadStrict();

        Assert.NotEmpty(SiloIngress.Check(edited));
    }

    [Fact]
    public void Manifests_KubernetesApiPermissions_None()
    {
        Assert.Empty(Objects.OfType<V1Role>());
        Assert.Empty(Objects.OfType<V1ClusterRole>());
        Assert.Empty(Objects.OfType<V1RoleBinding>());
        Assert.Empty(Objects.OfType<V1ClusterRoleBinding>());
        foreach (var (workload, template) in Objects.Workloads())
        {
            // The namespace's default account (no manifest) mounts a token unless the pod says otherwise.
            var account = template.Spec.ServiceAccountName ?? "default";
            var serviceAccount = Objects.OfType<V1ServiceAccount>().SingleOrDefault(a => a.Metadata.Name == account);
            var mounted = template.Spec.AutomountServiceAccountToken ?? serviceAccount?.AutomountServiceAccountToken ?? true;
            Assert.False(mounted, $"{workload}: a Kubernetes API token is mounted, and nothing in it calls the API");
        }
    }
}
