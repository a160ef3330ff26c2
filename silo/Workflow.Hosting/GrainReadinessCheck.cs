using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workflow.Contracts;

namespace Workflow.Hosting;

/// <summary>Ready means a grain call reaches a silo and the silo reads its store: a list query for one row.</summary>
public sealed class GrainReadinessCheck(IClusterClient cluster) : IHealthCheck
{
    private static readonly ActorInfo Probe = new("health-probe", "admin");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var page = await cluster.GetGrain<IProjectCatalogGrain>(0)
                .QueryAsync(new ProjectListQuery(null, null, null, null, null, 1, 1), Probe)
                .WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"{page.List?.Total} projects");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("No silo answered a grain call.", ex);
        }
    }
}
