using Workflow.ServiceDefaults;

namespace Workflow.Gateway;

/// <summary>
/// What the cluster gateway refuses to start with: it is only ever an Orleans client of separate silos, and it has
/// no development routes at all (they belong to the embedded host, on loopback), so a setting that asks for either
/// is a deployment mistake to stop at once rather than a door left open.
/// </summary>
public static class ClusterGatewayGuard
{
    public static void Check(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var mode = configuration[LandFlowSettings.Mode];
        if (mode is not null && !string.Equals(mode, LandFlowModes.Cluster, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"The cluster gateway runs only as a client of separate silos ({LandFlowSettings.Mode}=cluster); it was given '{mode}'. " +
                "For one process holding a silo and the gateway, run the embedded host: dotnet run --project silo/Workflow.Embedded.");
        }

        if (configuration.GetValue<bool?>(LandFlowSettings.DevEndpoints) == true)
        {
            throw new InvalidOperationException(
                $"{LandFlowSettings.DevEndpoints}=true: the cluster gateway has no development routes (demo tokens, the movable clock). " +
                "They are served only by the embedded host (silo/Workflow.Embedded), on a loopback address.");
        }

        // Refused here, before anything starts, with the setting's name rather than an Orleans connection error.
        _ = GatewayAddress.ParseAll(configuration[LandFlowSettings.Gateways]);
    }
}
