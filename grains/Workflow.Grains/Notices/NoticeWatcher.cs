using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Workflow.Projections;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>
/// Wakes this silo's inboxes waiting for notices (<see cref="InboxGrain.WaitAsync"/>). The notices projection runs on
/// one silo, but inboxes live on every silo, so an in-memory signal from the projection alone would never reach the
/// others: each silo instead reads the newest notice id from the shared tables every
/// <see cref="NoticeOptions.PollInterval"/> while anyone waits, and wakes its waiters when it moves. On the silo that
/// runs the projection, <see cref="NoticesListener"/> nudges it at once (a fast path that may fail: the poll still
/// finds the notice). Waiters always re-read the tables, so a wake-up too many costs a query, and one missed costs at
/// most one interval.
/// </summary>
public sealed class NoticeWatcher(
    IReadModelDatabase database,
    IOptions<NoticeOptions> options,
    ILogger<NoticeWatcher> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long latest = -1;
    private int waiting;
    private bool schemaReady;
    private Task? loop;

    /// <summary>Completes when the notices may have changed; take it before reading, then wait on it.</summary>
    public Task Changed
    {
        get
        {
            lock (gate)
            {
                return changed.Task;
            }
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(NoticeWatcher), ServiceLifecycleStage.Active, Start, Stop);

    /// <summary>Counts a waiter in for as long as the returned scope lives: the watcher reads the tables only then.</summary>
    public IDisposable Waiting()
    {
        Interlocked.Increment(ref waiting);
        return new WaiterScope(this);
    }

    /// <summary>Wakes every waiter to read again.</summary>
    public void Nudge()
    {
        TaskCompletionSource woken;
        lock (gate)
        {
            woken = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }

    /// <summary>An open connection with the notices tables in place (SQLite creates them if the projection has not yet).</summary>
    public async Task<System.Data.Common.DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenAsync(cancellationToken);
        if (!schemaReady)
        {
            try
            {
                await NoticeQueries.EnsureSchemaAsync(connection, database.Dialect, cancellationToken);
                schemaReady = true;
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        return connection;
    }

    public void Dispose() => stopping.Dispose();

    private Task Start(CancellationToken cancellationToken)
    {
        loop = Task.Run(() => WatchAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (loop is not null)
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        Nudge();
    }

    // Real time, not the workflow clock: how fast a notice reaches a screen is the platform's own housekeeping.
    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (Volatile.Read(ref waiting) == 0)
                {
                    continue;
                }

                try
                {
                    await using var connection = await OpenAsync(cancellationToken);
                    var newest = await NoticeQueries.LatestIdAsync(connection, cancellationToken);
                    if (Interlocked.Exchange(ref latest, newest) != newest)
                    {
                        Nudge();
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogDebug(ex, "Reading the newest notice failed; tried again next tick.");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed class WaiterScope(NoticeWatcher watcher) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                Interlocked.Decrement(ref watcher.waiting);
            }
        }
    }
}
