using k8s.Models;
using Workflow.ServiceDefaults;

namespace Workflow.K8s.Tests;

/// <summary>Reads the loaded manifests the way the checks need them.</summary>
internal static class ManifestQueries
{
    public const string NameLabel = "app.kubernetes.io/name";
    public const string ComponentLabel = "app.kubernetes.io/component";
    public const string LandFlowName = "landflow";

    public static IEnumerable<T> OfType<T>(this IReadOnlyList<ManifestObject> objects) => objects.Select(o => o.Resource).OfType<T>();

    public static ManifestObject Single<T>(this IReadOnlyList<ManifestObject> objects, string name) =>
        objects.Single(o => o.Resource is T && o.Metadata.Name == name);

    /// <summary>Deployments and StatefulSets with their pod templates.</summary>
    public static IEnumerable<(ManifestObject Workload, V1PodTemplateSpec Template)> Workloads(this IReadOnlyList<ManifestObject> objects)
    {
        foreach (var o in objects)
        {
            switch (o.Resource)
            {
                case V1Deployment deployment:
                    yield return (o, deployment.Spec.Template);
                    break;
                case V1StatefulSet statefulSet:
                    yield return (o, statefulSet.Spec.Template);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Every container (init containers too) of the pods labelled app.kubernetes.io/name: landflow.</summary>
    public static IEnumerable<LandFlowContainer> LandFlowContainers(this IReadOnlyList<ManifestObject> objects)
    {
        foreach (var (workload, template) in objects.Workloads())
        {
            var labels = template.Metadata?.Labels ?? new Dictionary<string, string>();
            if (!labels.TryGetValue(NameLabel, out var name) || name != LandFlowName)
            {
                continue;
            }

            var process = labels.TryGetValue(ComponentLabel, out var component) ? ProcessOf(component) : LandFlowProcess.None;
            foreach (var container in template.Spec.InitContainers ?? [])
            {
                yield return new LandFlowContainer(workload, template, container, process) { IsInit = true };
            }

            foreach (var container in template.Spec.Containers)
            {
                yield return new LandFlowContainer(workload, template, container, process);
            }
        }
    }

    public static IReadOnlyDictionary<string, IDictionary<string, string>> ConfigMaps(this IReadOnlyList<ManifestObject> objects) =>
        objects.OfType<V1ConfigMap>().ToDictionary(map => map.Metadata.Name, map => map.Data ?? new Dictionary<string, string>());

    public static IReadOnlyDictionary<string, IReadOnlySet<string>> SecretKeys(this IReadOnlyList<ManifestObject> objects) =>
        objects.OfType<V1Secret>().ToDictionary(
            secret => secret.Metadata.Name,
            secret => (IReadOnlySet<string>)(secret.StringData?.Keys ?? []).Concat(secret.Data?.Keys ?? []).ToHashSet(StringComparer.Ordinal));

    public static IEnumerable<V1Container> AllContainers(this V1PodTemplateSpec template) =>
        (template.Spec.InitContainers ?? []).Concat(template.Spec.Containers);

    /// <summary>The variables a container is given, in the order Kubernetes applies them (envFrom, then env,
    /// a later one replacing an earlier one of the same name), with the problems found resolving references.</summary>
    public static IReadOnlyList<PassedVariable> PassedVariables(this IReadOnlyList<ManifestObject> objects, V1Container container, ICollection<string> problems)
    {
        var configMaps = objects.ConfigMaps();
        var secrets = objects.SecretKeys();
        var passed = new List<PassedVariable>();

        foreach (var source in container.EnvFrom ?? [])
        {
            var prefix = source.Prefix ?? "";
            if (source.ConfigMapRef is { } mapRef)
            {
                if (configMaps.TryGetValue(mapRef.Name, out var data))
                {
                    passed.AddRange(data.Select(pair => new PassedVariable(prefix + pair.Key, VariableOrigin.ConfigMap, $"ConfigMap {mapRef.Name}") { Value = pair.Value }));
                }
                else if (mapRef.Optional != true)
                {
                    problems.Add($"envFrom names ConfigMap {mapRef.Name}, which no manifest defines");
                }
            }

            if (source.SecretRef is { } secretRef)
            {
                if (secrets.TryGetValue(secretRef.Name, out var keys))
                {
                    passed.AddRange(keys.Select(key => new PassedVariable(prefix + key, VariableOrigin.Secret, $"Secret {secretRef.Name}")));
                }
                else if (secretRef.Optional != true)
                {
                    problems.Add($"envFrom names Secret {secretRef.Name}, which neither the manifests nor {Manifests.SecretTemplate} define");
                }
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            passed.Add(Resolve(variable, configMaps, secrets, problems));
        }

        return passed;
    }

    private static PassedVariable Resolve(
        V1EnvVar variable,
        IReadOnlyDictionary<string, IDictionary<string, string>> configMaps,
        IReadOnlyDictionary<string, IReadOnlySet<string>> secrets,
        ICollection<string> problems)
    {
        var from = variable.ValueFrom;
        if (from is null)
        {
            return new PassedVariable(variable.Name, VariableOrigin.Literal, "a literal") { Value = variable.Value ?? "" };
        }

        if (from.ConfigMapKeyRef is { } mapKey)
        {
            string? value = null;
            if (configMaps.TryGetValue(mapKey.Name, out var data) && data.TryGetValue(mapKey.Key, out var found))
            {
                value = found;
            }
            else if (mapKey.Optional != true)
            {
                problems.Add($"{variable.Name} refers to key {mapKey.Key} of ConfigMap {mapKey.Name}, which no manifest defines");
            }

            return new PassedVariable(variable.Name, VariableOrigin.ConfigMap, $"ConfigMap {mapKey.Name}") { Value = value };
        }

        if (from.SecretKeyRef is { } secretKey)
        {
            if ((!secrets.TryGetValue(secretKey.Name, out var keys) || !keys.Contains(secretKey.Key)) && secretKey.Optional != true)
            {
                problems.Add($"{variable.Name} refers to key {secretKey.Key} of Secret {secretKey.Name}, which {Manifests.SecretTemplate} does not define");
            }

            return new PassedVariable(variable.Name, VariableOrigin.Secret, $"Secret {secretKey.Name}");
        }

        if (from.FieldRef is { } field)
        {
            return new PassedVariable(variable.Name, VariableOrigin.Field, $"field {field.FieldPath}") { FieldPath = field.FieldPath };
        }

        return new PassedVariable(variable.Name, VariableOrigin.Other, "another source");
    }

    private static LandFlowProcess ProcessOf(string component) => component switch
    {
        "silo" => LandFlowProcess.Silo,
        "gateway" => LandFlowProcess.Gateway,
        _ => LandFlowProcess.None,
    };
}
