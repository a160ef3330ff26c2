using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;
using Workflow.ServiceDefaults;

namespace Workflow.Gateway;

/// <summary>
/// The cluster gateway's list of silo gateways, from <c>LandFlow:Gateways</c> (<c>host:port</c> entries). A host
/// name is resolved again at every refresh, so a Kubernetes headless service that lists the ready silo pods is all
/// the gateway needs to know: it reads no membership table and holds no database credential.
/// </summary>
public sealed class AddressGatewayListProvider(IOptions<LandFlowOptions> options, IOptions<GatewayOptions> gatewayOptions) : IGatewayListProvider
{
    private readonly IReadOnlyList<GatewayAddress> gateways = GatewayAddress.ParseAll(options.Value.Gateways);

    public TimeSpan MaxStaleness => gatewayOptions.Value.GatewayListRefreshPeriod;

    [Obsolete("Orleans no longer reads this; every provider is treated as updatable.")]
    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public async Task<IList<Uri>> GetGateways()
    {
        var uris = new List<Uri>();
        foreach (var gateway in gateways)
        {
            IPAddress[] addresses;
            try
            {
                addresses = IPAddress.TryParse(gateway.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(gateway.Host);
            }
            catch (System.Net.Sockets.SocketException)
            {
                // A name that does not resolve now (no silo ready yet) contributes nothing until it does.
                continue;
            }

            // Generation 0: the client learns each silo's generation when it connects.
            uris.AddRange(addresses.Select(address => SiloAddress.New(new IPEndPoint(address, gateway.Port), 0).ToGatewayUri()));
        }

        return uris;
    }
}

/// <summary>One <c>host:port</c> entry of <c>LandFlow:Gateways</c> (entries are separated by commas).</summary>
public sealed record GatewayAddress(string Host, int Port)
{
    public static IReadOnlyList<GatewayAddress> ParseAll(string? entries)
    {
        var parsed = (entries ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();
        return parsed.Count > 0
            ? parsed
            : throw new InvalidOperationException(
                $"{LandFlowSettings.Gateways} names no silo gateway: give at least one host:port (in Kubernetes, the silos' headless service, e.g. landflow-silo-gateway:30000).");
    }

    public static GatewayAddress Parse(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var separator = entry.LastIndexOf(':');
        if (separator <= 0 || !int.TryParse(entry.AsSpan(separator + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"{LandFlowSettings.Gateways} entry '{entry}' is not host:port.");
        }

        return new GatewayAddress(entry[..separator].Trim('[', ']'), port);
    }
}
