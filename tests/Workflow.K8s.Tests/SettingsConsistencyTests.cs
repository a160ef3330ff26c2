using Workflow.ServiceDefaults;

namespace Workflow.K8s.Tests;

/// <summary>
/// The settings the manifests pass agree with what the code reads (<see cref="LandFlowSettings"/>): each is a
/// setting of the process it is given to (or a platform variable), and each that process needs in cluster mode
/// is given. A misspelled setting is reported both ways: as unknown and, when required, as missing.
/// </summary>
public sealed class SettingsConsistencyTests
{
    private const string ConnectionString = "LandFlow__Postgres__ConnectionString";

    [Fact]
    public void Manifests_Settings_ConsistentWithCode()
    {
        var problems = SettingsConsistency.Check(Manifests.Load().LoadStrict());

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void SiloDeployment_MisspelledSetting_Reported()
    {
        var manifests = Manifests.Load().Edit("silo-deployment.yaml", text => text.Replace(
            $"- name: {ConnectionString}", "- name: LandFlow__Postgres__ConectionString", StringComparison.Ordinal));

        var problems = SettingsConsistency.Check(manifests.LoadStrict());

        Assert.Contains(problems, p => p.Contains("landflow-silo container silo: LandFlow__Postgres__ConectionString (from Secret landflow-secrets) is not a setting the code reads", StringComparison.Ordinal)
            && p.Contains($"did you mean {ConnectionString}?", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains($"the silo needs {ConnectionString} in cluster mode", StringComparison.Ordinal));
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void ConfigMap_MisspelledKey_ReportedForBothProcesses()
    {
        var manifests = Manifests.Load().Edit("configmap.yaml", text => text.Replace(
            "LandFlow__ClusterId: landflow", "LandFlow__ClustrId: landflow", StringComparison.Ordinal));

        var problems = SettingsConsistency.Check(manifests.LoadStrict());

        Assert.Contains(problems, p => p.Contains("container silo: LandFlow__ClustrId (from ConfigMap landflow-common) is not a setting", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("container gateway: LandFlow__ClustrId (from ConfigMap landflow-common) is not a setting", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("the silo needs LandFlow__ClusterId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("the gateway needs LandFlow__ClusterId", StringComparison.Ordinal));
    }

    [Fact]
    public void SecretTemplate_MisspelledKey_Reported()
    {
        var manifests = Manifests.Load().Edit(Manifests.SecretTemplate, text => text.Replace(
            "  LandFlow__Auth__SigningKey:", "  LandFlow__Auth__SigningKy:", StringComparison.Ordinal));

        var problems = SettingsConsistency.Check(manifests.LoadStrict());

        Assert.Contains(problems, p => p.Contains("Secret landflow-secrets: key LandFlow__Auth__SigningKy is not a setting the code reads", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("refers to key LandFlow__Auth__SigningKey of Secret landflow-secrets, which secret.template.yaml does not define", StringComparison.Ordinal));
    }

    [Fact]
    public void GatewayDeployment_SigningKeyNotPassed_Reported()
    {
        var manifests = Manifests.Load().Edit("gateway-deployment.yaml", text => text.Replace(
            """
                        - name: LandFlow__Auth__SigningKey
                          valueFrom:
                            secretKeyRef:
                              name: landflow-secrets
                              key: LandFlow__Auth__SigningKey

            """,
            "",
            StringComparison.Ordinal));

        var problems = SettingsConsistency.Check(manifests.LoadStrict());

        var problem = Assert.Single(problems);
        Assert.Contains("landflow-gateway container gateway: the gateway needs LandFlow__Auth__SigningKey in cluster mode", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SiloDeployment_GatewayOnlySetting_Reported()
    {
        var manifests = Manifests.Load().Edit("silo-deployment.yaml", text => text.Replace(
            "          env:\n            - name: POD_NAME\n",
            "          env:\n            - name: LandFlow__Auth__Issuer\n              value: landflow\n            - name: POD_NAME\n",
            StringComparison.Ordinal));

        var problems = SettingsConsistency.Check(manifests.LoadStrict());

        var problem = Assert.Single(problems);
        Assert.Contains("LandFlow__Auth__Issuer is passed to the silo, which does not read it (read by: gateway)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigMap_EmbeddedMode_Reported()
    {
        var manifests = Manifests.Load().Edit("configmap.yaml", text => text.Replace(
            "LandFlow__Mode: cluster", "LandFlow__Mode: embedded", StringComparison.Ordinal));

        var problems = SettingsConsistency.Check(manifests.LoadStrict());

        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Contains("LandFlow__Mode is \"embedded\" (from ConfigMap landflow-common); cluster mode needs \"cluster\"", p, StringComparison.Ordinal));
    }

    [Fact]
    public void SiloDeployment_SecretAsLiteral_Reported()
    {
        var manifests = Manifests.Load().Edit("silo-deployment.yaml", text => text.Replace(
            $"""
                        - name: {ConnectionString}
                          valueFrom:
                            secretKeyRef:
                              name: landflow-secrets
                              key: {ConnectionString}
            """,
            $"""
                        - name: {ConnectionString}
                          value: Host=landflow-postgres;Password=secret
            """,
            StringComparison.Ordinal));

        var problems = SettingsConsistency.Check(manifests.LoadStrict());

        var problem = Assert.Single(problems);
        Assert.Contains($"{ConnectionString} is a secret but comes from a literal; take it from a Secret", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SiloDeployment_PodIpFromWrongField_Reported()
    {
        var manifests = Manifests.Load().Edit("silo-deployment.yaml", text => text.Replace(
            "fieldPath: status.podIP", "fieldPath: status.hostIP", StringComparison.Ordinal));

        var problems = SettingsConsistency.Check(manifests.LoadStrict());

        var problem = Assert.Single(problems);
        Assert.Contains("POD_IP must come from the pod field status.podIP, not field status.hostIP", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SiloDeployment_PlatformVariable_Accepted()
    {
        var manifests = Manifests.Load().Edit("silo-deployment.yaml", text => text.Replace(
            "          env:\n",
            "          env:\n            - name: DOTNET_GCHeapAffinitizeMask\n              value: \"3\"\n",
            StringComparison.Ordinal));

        var problems = SettingsConsistency.Check(manifests.LoadStrict());

        Assert.Empty(problems);
    }

    [Fact]
    public void SiloDeployment_UnknownConfigMap_Reported()
    {
        var manifests = Manifests.Load().Edit("silo-deployment.yaml", text => text.Replace(
            "name: landflow-silo\n          env:", "name: landflow-silos\n          env:", StringComparison.Ordinal));

        var problems = SettingsConsistency.Check(manifests.LoadStrict());

        Assert.Contains(problems, p => p.Contains("envFrom names ConfigMap landflow-silos, which no manifest defines", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ConfigMap/landflow-silo: no LandFlow container reads this ConfigMap", StringComparison.Ordinal));
    }
}
