using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Workflow.Contracts;
using Workflow.Storage;

namespace Workflow.Grains;

public sealed class DeadlineSchedulerOptions
{
    /// <summary>How often the store is looked at even when no deadline is known to be near
    /// (deadlines set by other silos or just now are picked up within this time).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 256;

    public int MaxConcurrentWakes { get; set; } = 32;
}

/// <summary>
/// Durable timers for statutory deadlines. Every project commit stores when its next light change
/// falls due; this service wakes those projects when the injected clock reaches that instant, with
/// no request to the project, and after a restart picks up where the store says. Reading time only
/// from <see cref="TimeProvider"/> lets the development clock (and tests' fake clocks) drive it.
/// </summary>
public sealed class DeadlineScheduler(
    IDeadlineStore deadlines,
    IGrainFactory grains,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time,
    IOptions<DeadlineSchedulerOptions> options,
    ILogger<DeadlineScheduler> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly SemaphoreSlim sweeping = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private Task? loop;
    private TaskCompletionSource nudge = NewNudge();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DeadlineScheduler), ServiceLifecycleStage.Active, Start, Stop);

    /// <summary>Wakes every project whose deadline is at or before the clock's now, and returns
    /// how many were woken. Safe to call concurrently with the background loop.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        await sweeping.WaitAsync(cancellationToken);
        try
        {
            var woken = 0;
            var failed = new HashSet<string>(StringComparer.Ordinal);
            while (!cancellationToken.IsCancellationRequested)
            {
                var due = (await deadlines.DueAsync(time.GetUtcNow(), options.Value.BatchSize, cancellationToken))
                    .Where(d => !failed.Contains(d.StreamId))
                    .ToList();
                if (due.Count == 0)
                {
                    break;
                }

                await Parallel.ForEachAsync(
                    due,
                    new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentWakes, CancellationToken = cancellationToken },
                    async (deadline, _) =>
                    {
                        try
                        {
                            await WakeAsync(deadline.StreamId);
                            Interlocked.Increment(ref woken);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            lock (failed)
                            {
                                failed.Add(deadline.StreamId);
                            }

                            logger.LogWarning(ex, "Waking {Stream} for its deadline failed; retried on the next sweep.", deadline.StreamId);
                        }
                    });
            }

            return woken;
        }
        finally
        {
            sweeping.Release();
        }
    }

    /// <summary>Asks the loop to look at the store now rather than at its next poll.</summary>
    public void Nudge() => Interlocked.Exchange(ref nudge, NewNudge()).TrySetResult();

    public void Dispose()
    {
        stopping.Dispose();
        sweeping.Dispose();
    }

    private Task WakeAsync(string streamId)
    {
        if (ProjectStreams.CodeOf(streamId) is { } code)
        {
            return grains.GetGrain<IProjectGrain>(code).WakeAsync();
        }

        if (streamId.StartsWith(QuotaStreams.TransferPrefix, StringComparison.Ordinal))
        {
            return grains.GetGrain<IQuotaTransferGrain>(streamId[QuotaStreams.TransferPrefix.Length..]).WakeAsync();
        }

        if (InspectionStreams.IdOf(streamId) is { } inspection)
        {
            return grains.GetGrain<IInspectionGrain>(inspection).WakeAsync();
        }

        logger.LogWarning("No grain wakes for stream {Stream}.", streamId);
        return Task.CompletedTask;
    }

    private Task Start(CancellationToken cancellationToken)
    {
        loop = Task.Run(() => RunAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (loop is not null)
        {
            await loop.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(cancellationToken);
                var now = time.GetUtcNow();
                var wait = options.Value.PollInterval;
                // Anything still due after a sweep failed to wake; it waits for the next poll.
                if (await deadlines.NextAsync(cancellationToken) is { } next && next > now && next - now < wait)
                {
                    wait = next - now;
                }

                var nudged = Volatile.Read(ref nudge).Task;
                await Task.WhenAny(Task.Delay(wait, time, cancellationToken), nudged);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The deadline scheduler failed a round; trying again.");
                await Task.Delay(options.Value.PollInterval, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private static TaskCompletionSource NewNudge() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
