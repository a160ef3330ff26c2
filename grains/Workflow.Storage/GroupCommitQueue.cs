using System.Threading.Channels;

namespace Workflow.Storage;

/// <summary>
/// The queue in front of a store's single writer, shared by the stores: callers enqueue requests, and one loop takes
/// everything queued (up to the batch size) and hands it to the store's batch writer, which runs it in one
/// transaction and completes (or fails) each request. While a batch is written the next one gathers, so under load
/// batches grow and the cost of a commit is shared by many callers. The store supplies only the batch writer.
/// </summary>
/// <remarks>
/// The batch writer contains its own failures; if one escapes anyway, every request of that batch and every request
/// still queued is failed with it and the queue accepts no more, so that no caller waits forever.
/// </remarks>
public sealed class GroupCommitQueue<TRequest> : IAsyncDisposable
    where TRequest : QueuedWrite
{
    private readonly Channel<TRequest> queue;
    private readonly WriterGate gate = new();
    private readonly int maxBatchSize;
    private readonly string storeName;
    private readonly Task loop;

    private GroupCommitQueue(int maxBatchSize, string storeName, bool synchronousContinuations, Func<GroupCommitQueue<TRequest>, Task> run)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        this.maxBatchSize = maxBatchSize;
        this.storeName = storeName;
        queue = Channel.CreateUnbounded<TRequest>(new UnboundedChannelOptions
        {
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = synchronousContinuations,
        });
        loop = run(this);
    }

    /// <summary>
    /// Writes batches on a thread of its own with a blocking <paramref name="writeBatch"/>, for a writer that blocks
    /// (in fsync) and should not hold a pool thread. <paramref name="stopped"/> runs on that thread once the queue is
    /// drained after <see cref="DisposeAsync"/>, to close what the writer holds.
    /// </summary>
    public static GroupCommitQueue<TRequest> StartOnThread(
        string threadName, int maxBatchSize, string storeName, Action<List<TRequest>> writeBatch, Action stopped)
    {
        ArgumentNullException.ThrowIfNull(writeBatch);
        ArgumentNullException.ThrowIfNull(stopped);

        // Synchronous continuations are safe here: the only waiter is the writer thread blocked in WaitForWork, and
        // waking it inline spares an idle writer a thread-pool hop per commit.
        return new GroupCommitQueue<TRequest>(maxBatchSize, storeName, synchronousContinuations: true, queue =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    queue.Run(batch =>
                    {
                        writeBatch(batch);
                        return Task.CompletedTask;
                    }, blocking: true).GetAwaiter().GetResult();
                }
                finally
                {
                    stopped();
                    done.TrySetResult();
                }
            })
            { IsBackground = true, Name = threadName };
            thread.Start();
            return done.Task;
        });
    }

    /// <summary>Writes batches in an async loop on the thread pool, for a writer that awaits its database.</summary>
    public static GroupCommitQueue<TRequest> StartOnPool(int maxBatchSize, string storeName, Func<List<TRequest>, Task> writeBatch)
    {
        ArgumentNullException.ThrowIfNull(writeBatch);

        // The reader is an async loop: synchronous continuations would run it on a caller's thread (an Orleans
        // scheduler thread), so they stay off.
        return new GroupCommitQueue<TRequest>(maxBatchSize, storeName, synchronousContinuations: false,
            queue => Task.Run(() => queue.Run(writeBatch, blocking: false)));
    }

    public Task EnqueueAsync(TRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!queue.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(storeName, "The store is shutting down; the commit was not written.");
        }

        return request.Completion;
    }

    /// <summary>
    /// Stops the loop before it takes its next batch until the returned handle is disposed, so a test can queue many
    /// requests and have them land in one batch.
    /// </summary>
    public IDisposable Hold() => gate.Close();

    /// <summary>Stops accepting requests, writes everything already queued, then returns.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        gate.Open();
        await loop.ConfigureAwait(false);
    }

    /// <param name="blocking">On the writer's own thread: waits block instead of yielding it.</param>
    private async Task Run(Func<List<TRequest>, Task> writeBatch, bool blocking)
    {
        var batch = new List<TRequest>(Math.Min(maxBatchSize, 1024));
        try
        {
            while (blocking ? WaitForWork() : await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                if (blocking)
                {
                    gate.WaitAsync().GetAwaiter().GetResult();
                }
                else
                {
                    await gate.WaitAsync().ConfigureAwait(false);
                }

                while (batch.Count < maxBatchSize && queue.Reader.TryRead(out var request))
                {
                    batch.Add(request);
                }

                if (batch.Count > 0)
                {
                    var written = writeBatch(batch);
                    if (blocking)
                    {
                        written.GetAwaiter().GetResult();
                    }
                    else
                    {
                        await written.ConfigureAwait(false);
                    }

                    batch.Clear();
                }
            }
        }
        catch (Exception exception)
        {
            // The batch writer contains its own failures; this is the last guard so that no caller waits forever and
            // the process is not taken down by an unhandled thread exception.
            queue.Writer.TryComplete(exception);
            foreach (var request in batch)
            {
                request.Fail(exception);
            }

            while (queue.Reader.TryRead(out var request))
            {
                request.Fail(exception);
            }
        }
    }

    private bool WaitForWork()
    {
        var wait = queue.Reader.WaitToReadAsync();
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }
}
