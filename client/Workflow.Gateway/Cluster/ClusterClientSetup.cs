using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Messaging;
using Workflow.ClusterSecurity;
using Workflow.ServiceDefaults;

namespace Workflow.Gateway;

/// <summary>The gateway's Orleans client: the cluster it joins, how it rides out a lost silo, and where it finds the
/// silos' gateways (by default the addresses of <c>LandFlow:Gateways</c>).</summary>
public static class ClusterClientSetup
{
    /// <param name="useGatewayList">Another way to find the silos (a development gateway reads the membership
    /// table); null for <see cref="AddressGatewayListProvider"/>.</param>
    public static IHostApplicationBuilder AddLandFlowClusterClient(this IHostApplicationBuilder builder, Action<IClientBuilder, LandFlowOptions>? useGatewayList = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.GetLandFlowOptions();
        builder.Services.AddHealthChecks().AddCheck<GrainReadinessCheck>("grains", tags: [ServiceDefaultsExtensions.ReadyTag]);
        builder.UseOrleansClient(client =>
        {
            if (TelemetrySettings.TracesEnabled(builder.Configuration))
            {
                client.AddActivityPropagation();
            }

            if (options.Dashboard.Enabled)
            {
                // The gateway serves the dashboard's pages; its data comes from the silos' dashboard grains.
                client.AddDashboard();
            }

            if (useGatewayList is not null)
            {
                useGatewayList(client, options);
            }
            else
            {
                client.Services.AddSingleton<IGatewayListProvider, AddressGatewayListProvider>();
            }

            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            client.UseLandFlowTls(options);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ClusterClientTimings.ResponseTimeout);
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = ClusterClientTimings.GatewayListRefreshPeriod);
        });
        return builder;
    }
}
