using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Workflow.Hosting;

/// <summary>Ready means this silo has joined its cluster and takes grain calls. It reads the membership view the silo
/// already holds: no store query, no grain call, nothing in the answer but the status.</summary>
public sealed class SiloReadinessCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress) == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy());
}
