using Microsoft.Extensions.Hosting;

namespace Workflow.Hosting;

public static class OrleansHostingExtensions
{
    /// <summary>Embedded mode: co-hosts a silo on SQLite. Cluster mode: an Orleans client.</summary>
    public static IHostApplicationBuilder AddLandFlowOrleans(this IHostApplicationBuilder builder)
    {
        // Filled in by the grains work; the gateway calls it unconditionally.
        return builder;
    }
}
