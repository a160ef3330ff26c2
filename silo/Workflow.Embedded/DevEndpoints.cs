using System.Net;
using Workflow.Gateway;
using Workflow.ServiceDefaults;

namespace Workflow.Embedded;

/// <summary>
/// Whether this process serves <c>/api/dev/*</c> (demo users, tokens for any of them, the movable clock), decided
/// once at start from <c>LandFlow:DevEndpoints</c> and the addresses it listens on. Those routes mint an
/// administrator's token for anyone who asks, so they exist only where only this machine can reach them: on by
/// default when every address is loopback (the README's first command; a development gateway of a local cluster
/// only when told), off by default otherwise, and a request for
/// them on any other address stops the process with a message instead of opening the door.
/// </summary>
public sealed record DevEndpoints(bool Enabled, string Reason)
{
    public static DevEndpoints Decide(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var requested = configuration.GetValue<bool?>(LandFlowSettings.DevEndpoints);
        var exposed = ListenAddresses(configuration).Where(address => !IsLoopback(address)).ToList();
        if (requested == true && exposed.Count > 0)
        {
            throw new InvalidOperationException(
                $"{LandFlowSettings.DevEndpoints}=true, but this process listens on {string.Join(", ", exposed)}, which is not a loopback address. " +
                "The development routes issue an administrator's token to anyone who asks; they are served only on 127.0.0.1 / [::1] / localhost. " +
                $"Listen on loopback only, or remove {LandFlowSettings.DevEndpoints}.");
        }

        return requested switch
        {
            false => new(false, $"{LandFlowSettings.DevEndpoints}=false"),
            true => new(true, $"{LandFlowSettings.DevEndpoints}=true on loopback"),
            null when exposed.Count > 0 => new(false, $"listening on {string.Join(", ", exposed)}, not only loopback"),
            null when !IsEmbedded(configuration) => new(false, $"a development gateway of a cluster serves them only with {LandFlowSettings.DevEndpoints}=true"),
            null => new(true, "listening on loopback only"),
        };
    }

    /// <summary>Every address the server will listen on, read as Kestrel reads them: <c>urls</c> (also
    /// <c>ASPNETCORE_URLS</c> and <c>--urls</c>), <c>http_ports</c>/<c>https_ports</c> (every interface),
    /// <c>Kestrel:Endpoints:*:Url</c>, or the gateway's loopback default.</summary>
    public static IReadOnlyList<string> ListenAddresses(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var addresses = new List<string>();
        addresses.AddRange(Split(configuration["urls"]));
        addresses.AddRange(Split(configuration["http_ports"]).Select(port => $"http://*:{port}"));
        addresses.AddRange(Split(configuration["https_ports"]).Select(port => $"https://*:{port}"));
        addresses.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"]).OfType<string>());
        return addresses.Count > 0 ? addresses : [GatewayServices.DefaultUrl];
    }

    private static bool IsEmbedded(IConfiguration configuration) =>
        string.Equals(configuration[LandFlowSettings.Mode] ?? LandFlowModes.Embedded, LandFlowModes.Embedded, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Split(string? value) =>
        (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsLoopback(string address)
    {
        var schemeEnd = address.IndexOf("://", StringComparison.Ordinal);
        var rest = schemeEnd >= 0 ? address[(schemeEnd + 3)..] : address;
        var hostEnd = rest.StartsWith('[') ? rest.IndexOf(']') + 1 : rest.IndexOfAny([':', '/']);
        var host = (hostEnd > 0 ? rest[..hostEnd] : rest).Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
