using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workflow.Contracts;

namespace Workflow.Gateway;

/// <summary>Ready means a grain call reaches a silo and the silo's store answers (<see cref="IReadinessGrain"/>):
/// no count and no scan, so probing often costs the database nothing.</summary>
public sealed class GrainReadinessCheck(IClusterClient cluster) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await cluster.GetGrain<IReadinessGrain>(0).PingAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception goes to the health check service's log, never to the anonymous probe's answer.
            return HealthCheckResult.Unhealthy("No silo answered a grain call.", ex);
        }
    }
}
