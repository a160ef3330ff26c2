using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Contracts;
using Workflow.Projections;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>
/// Runs one projection. One activation in the cluster polls the feed on a timer; were there briefly two (a membership
/// change), the runner's compare-and-set checkpoint lets only one apply each batch. Holds no state of its own: the
/// checkpoint lives with the projection's tables.
/// </summary>
public sealed class ProjectionGrain(
    IEnumerable<IProjection> projections,
    IEnumerable<IProjectionListener> listeners,
    IHistoryFeed feed,
    IReadModelDatabase database,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time,
    IOptions<ProjectionOptions> options,
    ILogger<ProjectionGrain> logger) : Grain, IProjectionGrain
{
    private static readonly TimeSpan HeldBackRetry = TimeSpan.FromMilliseconds(5);

    private ProjectionRunner? runner;
    private IProjectionListener[] followers = [];
    private bool failing;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var name = this.GetPrimaryKeyString();
        var projection = projections.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
        if (projection is null)
        {
            // Nothing to run: the grain answers its status (a name no silo knows) and is collected when idle.
            return Task.CompletedTask;
        }

        runner = new ProjectionRunner(projection, feed, database, time, new LoggedRebuild(logger));
        followers = [.. listeners.Where(l => string.Equals(l.Projection, name, StringComparison.Ordinal))];
        this.RegisterGrainTimer(PollAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = options.Value.PollInterval,
            KeepAlive = true,
        });
        return Task.CompletedTask;
    }

    public async Task<ProjectionStatus> StatusAsync() =>
        runner is null ? Unknown() : Status(await runner.ProgressAsync());

    public async Task<ProjectionStatus> CatchUpAsync()
    {
        if (runner is null)
        {
            return Unknown();
        }

        while (true)
        {
            if ((await RunBatchAsync()).Count > 0)
            {
                continue;
            }

            if ((await runner.ProgressAsync()).Remaining == 0)
            {
                break;
            }

            // Committed events held back behind a transaction still running elsewhere (PostgreSQL): wait for it to end.
            await Task.Delay(HeldBackRetry);
        }

        return Status(await runner.ProgressAsync());
    }

    public Task PingAsync() => Task.CompletedTask;

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A full batch means more may be waiting: keep going rather than wait for the next tick.
            while ((await RunBatchAsync(cancellationToken)).Count == options.Value.BatchSize)
            {
            }

            if (failing)
            {
                failing = false;
                logger.LogInformation("Projection {Projection} is applying the history again.", runner!.Projection.Name);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Logged once per outage, retried every tick: the feed and the checkpoint are durable, so nothing is lost.
            if (!failing)
            {
                failing = true;
                logger.LogWarning(ex, "Projection {Projection} could not apply the history; retrying.", runner!.Projection.Name);
            }
        }
    }

    private async Task<IReadOnlyList<FeedEvent>> RunBatchAsync(CancellationToken cancellationToken = default)
    {
        var events = await runner!.RunOnceAsync(options.Value.BatchSize, cancellationToken);
        if (events.Count > 0)
        {
            foreach (var follower in followers)
            {
                try
                {
                    await follower.AfterAppliedAsync(events);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Listener {Listener} of projection {Projection} failed; its readers catch up from the tables.",
                        follower.GetType().Name, runner.Projection.Name);
                }
            }
        }

        return events;
    }

    /// <summary>A rebuild after a projection's version changed, in the log, with the rebuild command's bar at each tenth.</summary>
    private sealed class LoggedRebuild(ILogger logger) : IProjectionRebuildLog
    {
        public void Started(string projection, int storedVersion, int version, long events) =>
            logger.LogWarning(
                "Projection {Projection}: its read model was built by version {StoredVersion}, this build's is {Version}; emptied, replaying {Events} events.",
                projection, storedVersion, version, events);

        public void Progressed(ProjectionProgress progress) =>
            logger.LogInformation("Projection {Projection} rebuilding: {Bar}", progress.Name, progress.Bar());

        public void Finished(ProjectionProgress progress) =>
            logger.LogInformation("Projection {Projection} rebuilt: {Bar}", progress.Name, progress.Bar());
    }

    private ProjectionStatus Unknown() => new(this.GetPrimaryKeyString(), 0, 0, 0, 0, null);

    private static ProjectionStatus Status(ProjectionProgress progress) => new(
        progress.Name,
        progress.Checkpoint.Tx,
        progress.Checkpoint.Position,
        progress.Applied,
        progress.Remaining,
        progress.UpdatedAtUtcTicks == 0 ? null : new DateTimeOffset(progress.UpdatedAtUtcTicks, TimeSpan.Zero));
}
