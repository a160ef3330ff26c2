using System.Globalization;
using k8s.Models;
using Workflow.ServiceDefaults;

namespace Workflow.K8s.Tests;

/// <summary>What every workload must have (probes, resources, a restricted security context, selectors that
/// select) and what the silos and gateways need from Kubernetes: the labels and ports the code reads, the
/// health endpoints it serves, a grace period that outlasts its shutdown.</summary>
public sealed class WorkloadTests
{
    private static readonly IReadOnlyList<ManifestObject> Objects = Manifests.Load().LoadStrict();

    [Fact]
    public void Workloads_EveryContainer_HasLivenessAndReadinessProbes()
    {
        Assert.All(Objects.Workloads(), w => Assert.All(w.Template.Spec.Containers, c =>
        {
            Assert.True(c.LivenessProbe is not null, $"{w.Workload} container {c.Name}: no liveness probe");
            Assert.True(c.ReadinessProbe is not null, $"{w.Workload} container {c.Name}: no readiness probe");
        }));
    }

    [Fact]
    public void LandFlowContainers_Probes_HitTheHealthEndpointsWhereHttpListens()
    {
        // Init containers run to completion and have no probes.
        var containers = Objects.LandFlowContainers().Where(c => !c.IsInit).ToList();
        Assert.NotEmpty(containers);
        foreach (var landFlow in containers)
        {
            var container = landFlow.Container;
            var urls = Objects.PassedVariables(container, []).Single(v => v.Name == LandFlowSettings.Urls).Value ?? "";
            var httpPort = Containers.WildcardPort(urls);
            Assert.True(httpPort is not null, $"{landFlow}: {LandFlowSettings.Urls} \"{urls}\" does not listen on all interfaces");

            Assert.Equal(ServiceDefaultsExtensions.LivePath, container.LivenessProbe?.HttpGet?.Path);
            Assert.Equal(ServiceDefaultsExtensions.ReadyPath, container.ReadinessProbe?.HttpGet?.Path);
            Assert.Equal(httpPort, container.ResolvePort(container.LivenessProbe!.HttpGet.Port));
            Assert.Equal(httpPort, container.ResolvePort(container.ReadinessProbe!.HttpGet.Port));
            if (container.StartupProbe is { } startup)
            {
                Assert.Equal(ServiceDefaultsExtensions.LivePath, startup.HttpGet?.Path);
            }
        }
    }

    [Fact]
    public void Workloads_EveryContainer_RequestsAndLimitsCpuAndMemory()
    {
        foreach (var (workload, template) in Objects.Workloads())
        {
            foreach (var container in template.AllContainers())
            {
                var where = $"{workload} container {container.Name}";
                var requests = container.Resources?.Requests ?? new Dictionary<string, ResourceQuantity>();
                var limits = container.Resources?.Limits ?? new Dictionary<string, ResourceQuantity>();
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Assert.True(requests.ContainsKey(resource), $"{where}: no {resource} request");
                    Assert.True(limits.ContainsKey(resource), $"{where}: no {resource} limit");
                    Assert.True(requests[resource].ToDecimal() <= limits[resource].ToDecimal(), $"{where}: {resource} request above its limit");
                }
            }
        }
    }

    [Fact]
    public void Workloads_Pods_MeetTheRestrictedPodSecurityStandard()
    {
        foreach (var (workload, template) in Objects.Workloads())
        {
            var pod = template.Spec.SecurityContext;
            Assert.True(pod?.RunAsNonRoot == true, $"{workload}: runAsNonRoot is not set on the pod");
            Assert.True(pod.RunAsUser is > 0, $"{workload}: no numeric non-root runAsUser");
            Assert.Equal("RuntimeDefault", pod.SeccompProfile?.Type);
            foreach (var container in template.AllContainers())
            {
                var where = $"{workload} container {container.Name}";
                var security = container.SecurityContext;
                Assert.True(security?.AllowPrivilegeEscalation == false, $"{where}: privilege escalation allowed");
                Assert.True(security.ReadOnlyRootFilesystem == true, $"{where}: root file system writable");
                Assert.Equal(["ALL"], security.Capabilities?.Drop ?? []);
            }
        }
    }

    [Fact]
    public void Workloads_Selectors_SelectTheirOwnPods()
    {
        foreach (var o in Objects)
        {
            var (selector, labels) = o.Resource switch
            {
                V1Deployment d => (d.Spec.Selector.MatchLabels, d.Spec.Template.Metadata.Labels),
                V1StatefulSet s => (s.Spec.Selector.MatchLabels, s.Spec.Template.Metadata.Labels),
                _ => (null, null),
            };
            if (labels is not null)
            {
                Assert.True(selector.Selects(labels), $"{o}: the selector does not select the pod template's labels");
            }
        }
    }

    [Fact]
    public void Manifests_NamespacedObjects_InTheLandFlowNamespace()
    {
        var ns = Assert.Single(Objects.OfType<V1Namespace>()).Metadata.Name;
        Assert.All(Objects.Where(o => o.Resource is not V1Namespace), o => Assert.True(o.Metadata.NamespaceProperty == ns, $"{o}: namespace {o.Metadata.NamespaceProperty}, not {ns}"));
    }

    [Fact]
    public void SiloDeployment_OrleansLabels_EqualTheConfiguredIds()
    {
        var silo = SiloDeployment();
        var labels = silo.Spec.Template.Metadata.Labels;
        var passed = Objects.PassedVariables(SiloContainer(), []);

        Assert.Equal(Value(passed, LandFlowSettings.ServiceId), labels[LandFlowSettings.ServiceIdLabel]);
        Assert.Equal(Value(passed, LandFlowSettings.ClusterId), labels[LandFlowSettings.ClusterIdLabel]);
        Assert.True(silo.Spec.Replicas >= 3, "fewer than 3 silos");
    }

    [Fact]
    public void GatewayPods_OrleansLabels_Absent()
    {
        // Orleans' Kubernetes hosting watches the pods carrying these labels as silos.
        var labels = GatewayDeployment().Spec.Template.Metadata.Labels;

        Assert.DoesNotContain(LandFlowSettings.ServiceIdLabel, labels.Keys);
        Assert.DoesNotContain(LandFlowSettings.ClusterIdLabel, labels.Keys);
    }

    [Fact]
    public void SiloDeployment_ContainerPorts_AreTheConfiguredPorts()
    {
        var container = SiloContainer();
        var passed = Objects.PassedVariables(container, []);
        var ports = container.Ports.Select(p => p.ContainerPort).ToList();

        Assert.Contains(int.Parse(Value(passed, LandFlowSettings.SiloPort), CultureInfo.InvariantCulture), ports);
        Assert.Contains(int.Parse(Value(passed, LandFlowSettings.GatewayPort), CultureInfo.InvariantCulture), ports);
        Assert.Contains(Containers.WildcardPort(Value(passed, LandFlowSettings.Urls)) ?? -1, ports);
    }

    [Fact]
    public void LandFlowPods_GracePeriod_OutlastsTheHostShutdownTimeout()
    {
        foreach (var landFlow in Objects.LandFlowContainers().Where(c => !c.IsInit))
        {
            var grace = landFlow.Template.Spec.TerminationGracePeriodSeconds ?? 30;
            var shutdown = Objects.PassedVariables(landFlow.Container, []).SingleOrDefault(v => v.Name == LandFlowSettings.ShutdownTimeoutSeconds)?.Value;
            var preStop = landFlow.Container.Lifecycle?.PreStop?.Sleep?.Seconds ?? 0;

            Assert.True(shutdown is not null, $"{landFlow}: {LandFlowSettings.ShutdownTimeoutSeconds} not set; the host would stop after 30 s whatever the grace period");
            Assert.True(grace > int.Parse(shutdown, CultureInfo.InvariantCulture) + preStop, $"{landFlow}: a grace period of {grace} s leaves the host no time past its shutdown timeout");
        }

        Assert.True(SiloDeployment().Spec.Template.Spec.TerminationGracePeriodSeconds >= 60, "silos get under 60 s to hand their grains off");
    }

    [Fact]
    public void SiloPdb_Selects_TheSilosAndKeepsAMajority()
    {
        var silo = SiloDeployment();
        var pdb = Assert.Single(Objects.OfType<V1PodDisruptionBudget>());

        Assert.True(pdb.Spec.Selector.MatchLabels.Selects(silo.Spec.Template.Metadata.Labels), "the PodDisruptionBudget does not select the silos");
        Assert.True(pdb.Spec.MaxUnavailable?.Value == "1" || int.Parse(pdb.Spec.MinAvailable?.Value ?? "0", CultureInfo.InvariantCulture) >= 2);
    }

    [Fact]
    public void GatewayService_Selects_TheGatewaysHttpPort()
    {
        var gateway = GatewayDeployment();
        var service = (V1Service)Objects.Single<V1Service>("landflow-gateway").Resource;
        var container = Assert.Single(gateway.Spec.Template.Spec.Containers);

        Assert.True(service.Spec.Selector.Selects(gateway.Spec.Template.Metadata.Labels), "the Service does not select the gateways");
        Assert.All(service.Spec.Ports, port => Assert.Equal(8080, container.ResolvePort(port.TargetPort)));
    }

    [Fact]
    public void GatewayHpa_ScalesTheGatewayDeploymentOnCpu()
    {
        var gateway = GatewayDeployment();
        var hpa = Assert.Single(Objects.OfType<V2HorizontalPodAutoscaler>());

        Assert.Equal(("apps/v1", "Deployment", "landflow-gateway"), (hpa.Spec.ScaleTargetRef.ApiVersion, hpa.Spec.ScaleTargetRef.Kind, hpa.Spec.ScaleTargetRef.Name));
        Assert.Contains(hpa.Spec.Metrics, m => m.Type == "Resource" && m.Resource.Name == "cpu" && m.Resource.Target.AverageUtilization is > 0);
        Assert.True(hpa.Spec.MinReplicas >= 2 && hpa.Spec.MinReplicas <= hpa.Spec.MaxReplicas);
        Assert.Equal(gateway.Spec.Replicas, hpa.Spec.MinReplicas);
        // Utilisation is measured against the request: without one the autoscaler cannot act.
        Assert.All(gateway.Spec.Template.Spec.Containers, c => Assert.True(c.Resources.Requests.ContainsKey("cpu")));
    }

    [Fact]
    public void PostgresStatefulSet_KeepsItsDataOnAPersistentVolume()
    {
        var postgres = Assert.Single(Objects.OfType<V1StatefulSet>());
        var container = Assert.Single(postgres.Spec.Template.Spec.Containers);
        var claim = Assert.Single(postgres.Spec.VolumeClaimTemplates);
        var mount = Assert.Single(container.VolumeMounts, m => m.Name == claim.Metadata.Name);
        var pgdata = container.Env.Single(e => e.Name == "PGDATA").Value;
        var service = (V1Service)Objects.Single<V1Service>(postgres.Spec.ServiceName).Resource;

        Assert.StartsWith(mount.MountPath + "/", pgdata, StringComparison.Ordinal);
        Assert.Contains("ReadWriteOnce", claim.Spec.AccessModes);
        Assert.Equal("None", service.Spec.ClusterIP);
        Assert.True(service.Spec.Selector.Selects(postgres.Spec.Template.Metadata.Labels), "the headless Service does not select the database pod");
    }

    [Fact]
    public void NetworkPolicy_Database_AdmitsOnlySiloPodsOn5432()
    {
        var postgres = Assert.Single(Objects.OfType<V1StatefulSet>()).Spec.Template.Metadata.Labels;
        var policy = Assert.Single(Objects.OfType<V1NetworkPolicy>(), p => p.Spec.PodSelector.MatchLabels.Selects(postgres));
        var rule = Assert.Single(policy.Spec.Ingress);
        var from = Assert.Single(rule.FromProperty);
        var port = Assert.Single(rule.Ports);

        Assert.Contains("Ingress", policy.Spec.PolicyTypes);
        Assert.Null(from.NamespaceSelector);
        Assert.Null(from.IpBlock);
        Assert.Equal(
            new Dictionary<string, string> { [ManifestQueries.NameLabel] = ManifestQueries.LandFlowName, [ManifestQueries.ComponentLabel] = "silo" },
            from.PodSelector.MatchLabels);
        Assert.Equal(("TCP", "5432"), (port.Protocol, port.Port.Value));
        Assert.All(Objects.LandFlowContainers(), c => Assert.True(
            from.PodSelector.MatchLabels.Selects(c.Template.Metadata.Labels) == (c.Process == LandFlowProcess.Silo),
            $"{c}: admitted to the database {(c.Process == LandFlowProcess.Silo ? "not " : "")}as it should be"));
        Assert.False(from.PodSelector.MatchLabels.Selects(postgres));
    }

    [Fact]
    public void SecretTemplate_Values_ArePlaceholders()
    {
        var secrets = Manifests.Load().LoadStrict().Where(o => o.File == Manifests.SecretTemplate).Select(o => o.Resource).ToList();

        Assert.NotEmpty(secrets);
        Assert.All(secrets, resource =>
        {
            var secret = Assert.IsType<V1Secret>(resource);
            Assert.Null(secret.Data);
            Assert.All(secret.StringData, pair => Assert.Contains("REPLACE_WITH_", pair.Value, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void SecretTemplate_ConnectionString_PointsAtTheDatabase()
    {
        var postgres = Assert.Single(Objects.OfType<V1StatefulSet>());
        var env = Assert.Single(postgres.Spec.Template.Spec.Containers).Env.ToDictionary(e => e.Name, e => e.Value);
        var service = (V1Service)Objects.Single<V1Service>(postgres.Spec.ServiceName).Resource;
        var silos = ConnectionStringParts("landflow-secrets", "LandFlow__Postgres__ConnectionString");
        var owner = ConnectionStringParts("landflow-migration", "LandFlow__Postgres__MigrationConnectionString");

        Assert.All([silos, owner], parts =>
        {
            Assert.Equal(service.Metadata.Name, parts["Host"]);
            Assert.Equal(Assert.Single(service.Spec.Ports).Port.ToString(CultureInfo.InvariantCulture), parts["Port"]);
            Assert.Equal(env["POSTGRES_DB"], parts["Database"]);
        });

        // The owner is the role the database image creates; the silos log in as another one.
        Assert.Equal(env["POSTGRES_USER"], owner["Username"]);
        Assert.NotEqual(owner["Username"], silos["Username"]);
    }

    private static Dictionary<string, string> ConnectionStringParts(string secret, string key) =>
        ((V1Secret)Objects.Single<V1Secret>(secret).Resource).StringData[key].Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.OrdinalIgnoreCase);

    private static V1Deployment SiloDeployment() => (V1Deployment)Objects.Single<V1Deployment>("landflow-silo").Resource;

    private static V1Deployment GatewayDeployment() => (V1Deployment)Objects.Single<V1Deployment>("landflow-gateway").Resource;

    private static V1Container SiloContainer() => Assert.Single(SiloDeployment().Spec.Template.Spec.Containers);

    private static string Value(IReadOnlyList<PassedVariable> passed, string key)
    {
        var name = key.Replace(":", "__", StringComparison.Ordinal);
        return passed.Single(v => v.Name == name).Value ?? throw new InvalidOperationException($"{name} has no value in the manifests.");
    }
}
