using k8s.Models;

namespace Workflow.K8s.Tests;

/// <summary>Small readings of pod specs shared by the workload tests.</summary>
internal static class Containers
{
    /// <summary>The container port a probe's or Service's port names (a number or a port name).</summary>
    public static int? ResolvePort(this V1Container container, IntOrString port)
    {
        var value = port.Value;
        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return container.Ports?.Any(p => p.ContainerPort == number) == true ? number : null;
        }

        return container.Ports?.FirstOrDefault(p => p.Name == value)?.ContainerPort;
    }

    public static bool Selects(this IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && labels is not null
        && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    /// <summary>The port of an http URL whose host is a wildcard (all interfaces), or null.</summary>
    public static int? WildcardPort(string url)
    {
        var host = url.Split("://", 2).ElementAtOrDefault(1)?.Split(':')[0];
        var port = url.Split(':').LastOrDefault()?.TrimEnd('/');
        var wildcard = host is "+" or "*" or "0.0.0.0" or "[::]";
        return wildcard && int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
    }
}
