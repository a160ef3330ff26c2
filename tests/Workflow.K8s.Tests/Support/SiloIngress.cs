using System.Globalization;
using k8s.Models;
using Workflow.ServiceDefaults;

namespace Workflow.K8s.Tests;

/// <summary>
/// Checks that NetworkPolicies isolate the silo pods and admit their silo port only from silo pods and their
/// gateway port only from gateway pods, all of this namespace. One line per problem; none means closed.
/// </summary>
internal static class SiloIngress
{
    public static IReadOnlyList<string> Check(IReadOnlyList<ManifestObject> objects)
    {
        var problems = new List<string>();
        var silo = objects.LandFlowContainers().FirstOrDefault(c => c.Process == LandFlowProcess.Silo && !c.IsInit);
        var gateway = objects.LandFlowContainers().FirstOrDefault(c => c.Process == LandFlowProcess.Gateway && !c.IsInit);
        if (silo is null || gateway is null)
        {
            return ["no silo or no gateway workload"];
        }

        var siloLabels = silo.Template.Metadata.Labels;
        var passed = objects.PassedVariables(silo.Container, problems);
        var siloPort = Port(passed, LandFlowSettings.SiloPort);
        var gatewayPort = Port(passed, LandFlowSettings.GatewayPort);
        var policies = objects.OfType<V1NetworkPolicy>()
            .Where(p => p.Spec.PodSelector.MatchLabels.Selects(siloLabels) && (p.Spec.PolicyTypes ?? ["Ingress"]).Contains("Ingress"))
            .ToList();
        if (policies.Count == 0)
        {
            problems.Add("no NetworkPolicy isolates the silo pods for ingress");
        }

        // Policies add up: a rule anywhere that admits a port from a peer admits it.
        var rules = policies.SelectMany(p => (p.Spec.Ingress ?? []).Select(rule => (Policy: p.Metadata.Name, Rule: rule))).ToList();
        foreach (var (policy, rule) in rules)
        {
            var ports = rule.Ports is { Count: > 0 } ? rule.Ports.Select(p => p.Port?.Value ?? "(every port)").ToList() : ["(every port)"];
            var where = $"NetworkPolicy {policy}, rule for {string.Join(", ", ports)}";
            if (rule.FromProperty is not { Count: > 0 })
            {
                problems.Add($"{where}: admits every source");
                continue;
            }

            foreach (var peer in rule.FromProperty)
            {
                if (peer.IpBlock is not null || peer.NamespaceSelector is not null || peer.PodSelector?.MatchLabels is not { Count: > 0 } labels)
                {
                    problems.Add($"{where}: admits a peer that is not a labelled pod of this namespace");
                    continue;
                }

                var allowed = ports.All(port => port == siloPort) ? silo : ports.All(port => port == gatewayPort) ? gateway : null;
                if (allowed is null)
                {
                    problems.Add($"{where}: a port other than the silo port ({siloPort}) or the gateway port ({gatewayPort}), or both in one rule");
                }
                else if (!labels.Selects(allowed.Template.Metadata.Labels) || !Narrows(labels))
                {
                    problems.Add($"{where}: admits pods labelled {string.Join(", ", labels.Select(l => $"{l.Key}={l.Value}"))}, not only {allowed.Workload}'s");
                }
            }
        }

        RequireAdmitted(rules, siloPort, silo, problems);
        RequireAdmitted(rules, gatewayPort, gateway, problems);
        return problems;
    }

    private static void RequireAdmitted(List<(string Policy, V1NetworkPolicyIngressRule Rule)> rules, string port, LandFlowContainer from, List<string> problems)
    {
        var admitted = rules.Any(r => r.Rule.Ports?.Any(p => p.Port?.Value == port) == true
            && r.Rule.FromProperty?.Any(peer => peer.PodSelector?.MatchLabels.Selects(from.Template.Metadata.Labels) == true) == true);
        if (!admitted)
        {
            problems.Add($"port {port} is not admitted from the pods that need it ({from.Workload})");
        }
    }

    /// <summary>A selector naming LandFlow and one component, so it cannot match another application's pods.</summary>
    private static bool Narrows(IDictionary<string, string> labels) =>
        labels.TryGetValue(ManifestQueries.NameLabel, out var name) && name == ManifestQueries.LandFlowName
        && labels.ContainsKey(ManifestQueries.ComponentLabel);

    private static string Port(IReadOnlyList<PassedVariable> passed, string key)
    {
        var name = key.Replace(":", "__", StringComparison.Ordinal);
        var value = passed.SingleOrDefault(v => v.Name == name)?.Value;
        return value is null ? "?" : int.Parse(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }
}
