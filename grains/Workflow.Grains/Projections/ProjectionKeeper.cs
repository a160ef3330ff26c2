using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Workflow.Contracts;
using Workflow.Projections;

namespace Workflow.Grains;

/// <summary>
/// On every silo, pings each projection's grain now and then, so that after its silo is lost it is activated again on
/// a survivor within <see cref="ProjectionOptions.KeepAliveInterval"/>, with no request needed. Real time, not the
/// workflow clock: this is the platform's own housekeeping.
/// </summary>
public sealed class ProjectionKeeper(
    IEnumerable<IProjection> projections,
    IGrainFactory grains,
    IOptions<ProjectionOptions> options,
    ILogger<ProjectionKeeper> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private Task? loop;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ProjectionKeeper), ServiceLifecycleStage.Active, Start, Stop);

    public void Dispose() => stopping.Dispose();

    private Task Start(CancellationToken cancellationToken)
    {
        loop = Task.Run(() => KeepAliveAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (loop is not null)
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task KeepAliveAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.KeepAliveInterval);
        do
        {
            foreach (var projection in projections)
            {
                try
                {
                    await grains.GetGrain<IProjectionGrain>(projection.Name).PingAsync().WaitAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogDebug(ex, "Keep-alive of projection {Projection} failed; tried again shortly.", projection.Name);
                }
            }
        }
        while (await NextTickAsync(timer, cancellationToken));
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
