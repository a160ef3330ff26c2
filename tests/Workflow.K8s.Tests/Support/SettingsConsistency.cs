using k8s.Models;
using Workflow.ServiceDefaults;

namespace Workflow.K8s.Tests;

/// <summary>
/// Checks the settings the manifests pass against the code's catalogue (<see cref="LandFlowSettings"/>):
/// every variable given to a LandFlow container is a setting that container's process reads (or a platform
/// variable), from the right kind of source and with the value cluster mode needs; every setting that
/// process requires in cluster mode is given. Returns one line per problem; none means consistent.
/// </summary>
internal static class SettingsConsistency
{
    public static IReadOnlyList<string> Check(IReadOnlyList<ManifestObject> objects)
    {
        var problems = new List<string>();
        var containers = objects.LandFlowContainers().ToList();
        foreach (var process in new[] { LandFlowProcess.Silo, LandFlowProcess.Gateway })
        {
            if (!containers.Any(c => c.Process == process))
            {
                problems.Add($"no workload runs the {Name(process)} (pods labelled app.kubernetes.io/name: landflow, app.kubernetes.io/component: {Name(process)})");
            }
        }

        foreach (var container in containers)
        {
            var found = new List<string>();
            CheckContainer(objects, container, found);
            problems.AddRange(found.Select(problem => $"{container}: {problem}"));
        }

        CheckSecretKeys(objects, containers, problems);
        CheckConfigMapsUsed(objects, containers, problems);
        return problems;
    }

    /// <summary>The Secrets LandFlow containers read hold settings only: each key is a catalogued variable name.</summary>
    private static void CheckSecretKeys(IReadOnlyList<ManifestObject> objects, List<LandFlowContainer> containers, List<string> problems)
    {
        var read = containers.SelectMany(c => SecretsReadBy(c.Container)).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, keys) in objects.SecretKeys().Where(secret => read.Contains(secret.Key)))
        {
            foreach (var key in keys.Where(key => LandFlowSettings.FindByEnvironmentVariable(key) is null && !LandFlowSettings.IsPlatformVariable(key)))
            {
                problems.Add($"Secret {name}: key {key} is not a setting the code reads (not in LandFlowSettings){Suggestion(key)}");
            }
        }
    }

    /// <summary>A LandFlow ConfigMap nobody reads would hold settings no check ever looks at.</summary>
    private static void CheckConfigMapsUsed(IReadOnlyList<ManifestObject> objects, List<LandFlowContainer> containers, List<string> problems)
    {
        var read = containers.SelectMany(c => ConfigMapsReadBy(c.Container)).ToHashSet(StringComparer.Ordinal);
        foreach (var map in objects.Where(o => o.Resource is V1ConfigMap))
        {
            var labels = map.Metadata.Labels ?? new Dictionary<string, string>();
            if (labels.TryGetValue(ManifestQueries.NameLabel, out var name) && name == ManifestQueries.LandFlowName && !read.Contains(map.Metadata.Name))
            {
                problems.Add($"{map}: no LandFlow container reads this ConfigMap");
            }
        }
    }

    private static IEnumerable<string> SecretsReadBy(V1Container container) =>
        (container.EnvFrom ?? []).Select(e => e.SecretRef?.Name)
            .Concat((container.Env ?? []).Select(e => e.ValueFrom?.SecretKeyRef?.Name))
            .OfType<string>();

    private static IEnumerable<string> ConfigMapsReadBy(V1Container container) =>
        (container.EnvFrom ?? []).Select(e => e.ConfigMapRef?.Name)
            .Concat((container.Env ?? []).Select(e => e.ValueFrom?.ConfigMapKeyRef?.Name))
            .OfType<string>();

    private static void CheckContainer(IReadOnlyList<ManifestObject> objects, LandFlowContainer container, List<string> problems)
    {
        if (container.Process == LandFlowProcess.None)
        {
            problems.Add("its pod's app.kubernetes.io/component label names neither silo nor gateway, so what it reads is unknown");
            return;
        }

        var process = Name(container.Process);
        var passed = objects.PassedVariables(container.Container, problems);
        foreach (var twice in passed.GroupBy(v => v.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{twice.Key} is passed more than once ({string.Join(", ", twice.Select(v => v.From))}); only the last counts");
        }

        foreach (var variable in passed)
        {
            CheckVariable(variable, container.Process, problems);
        }

        // An init container runs one command of the process (the silo's `migrate`), which needs only what it says
        // it needs (DatabaseRolesTests check the migration's); the running process needs everything below.
        var names = passed.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var required in LandFlowSettings.All.Where(s => !container.IsInit && s.IsRequiredBy(container.Process)))
        {
            if (!names.Contains(required.EnvironmentVariable))
            {
                problems.Add($"the {process} needs {required.EnvironmentVariable} in cluster mode ({required.Meaning}), but it is not passed");
            }
        }
    }

    private static void CheckVariable(PassedVariable variable, LandFlowProcess process, List<string> problems)
    {
        var setting = LandFlowSettings.FindByEnvironmentVariable(variable.Name);
        if (setting is null)
        {
            if (!LandFlowSettings.IsPlatformVariable(variable.Name))
            {
                problems.Add($"{variable.Name} (from {variable.From}) is not a setting the code reads (not in LandFlowSettings){Suggestion(variable.Name)}");
            }

            return;
        }

        if (!setting.IsReadBy(process))
        {
            problems.Add($"{variable.Name} is passed to the {Name(process)}, which does not read it (read by: {Name(setting.ReadBy)})");
        }

        switch (setting.Source)
        {
            case SettingSource.Secret when variable.Origin != VariableOrigin.Secret:
                problems.Add($"{variable.Name} is a secret but comes from {variable.From}; take it from a Secret");
                break;
            case SettingSource.DownwardApi when variable.Origin != VariableOrigin.Field || variable.FieldPath != setting.FieldPath:
                problems.Add($"{variable.Name} must come from the pod field {setting.FieldPath}, not {variable.From}");
                break;
            default:
                break;
        }

        if (setting.ClusterValue is { } expected && variable.Value is { } value
            && !string.Equals(value.Trim(), expected, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{variable.Name} is \"{value}\" (from {variable.From}); cluster mode needs \"{expected}\"");
        }
    }

    /// <summary>The catalogued name closest to a misspelled one, if any is close.</summary>
    private static string Suggestion(string name)
    {
        var closest = LandFlowSettings.All
            .Select(s => (s.EnvironmentVariable, Distance: EditDistance(name, s.EnvironmentVariable)))
            .MinBy(candidate => candidate.Distance);
        return closest.Distance <= 3 ? $"; did you mean {closest.EnvironmentVariable}?" : "";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static string Name(LandFlowProcess process) => process switch
    {
        LandFlowProcess.Silo => "silo",
        LandFlowProcess.Gateway => "gateway",
        LandFlowProcess.Both => "silo and gateway",
        _ => "no process",
    };
}
