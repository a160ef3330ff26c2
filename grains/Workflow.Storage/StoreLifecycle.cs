namespace Workflow.Storage;

/// <summary>
/// How a store opens and closes, shared by the stores: it opens on first use (or at startup), once, however many
/// callers arrive together, and a failed open leaves it closed so the next call tries again; closing stops the writer,
/// which writes what is queued, and a closed store refuses every call.
/// </summary>
/// <param name="owner">The store, named by the <see cref="ObjectDisposedException"/> a closed store throws.</param>
/// <param name="start">Opens the store (migrations, connections) and starts its writer.</param>
public sealed class StoreLifecycle<TWriter>(object owner, Func<CancellationToken, Task<TWriter>> start)
    where TWriter : class, IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private TWriter? writer;
    private volatile bool closed;

    /// <summary>The running writer, for a store's test hooks; throws when the store is not open.</summary>
    public TWriter Running => Volatile.Read(ref writer) ?? throw new InvalidOperationException("The store is not open.");

    /// <summary>The running writer, opening the store first if needed. Completes synchronously once open, so a commit
    /// is queued by the time the store's method returns its task.</summary>
    public ValueTask<TWriter> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(closed, owner);
        var current = Volatile.Read(ref writer);
        return current is not null ? new ValueTask<TWriter>(current) : new ValueTask<TWriter>(StartAsync(cancellationToken));
    }

    /// <summary>Closes the store and stops its writer once everything queued is written. Returns false when it was
    /// already closed, so the store releases the rest of what it holds only once.</summary>
    public async ValueTask<bool> CloseAsync()
    {
        TWriter? stopping;
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (closed)
            {
                return false;
            }

            closed = true;
            stopping = writer;
            Volatile.Write(ref writer, null);
        }
        finally
        {
            gate.Release();
        }

        if (stopping is not null)
        {
            await stopping.DisposeAsync().ConfigureAwait(false);
        }

        return true;
    }

    private async Task<TWriter> StartAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(closed, owner);
            var current = writer;
            if (current is null)
            {
                current = await start(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref writer, current);
            }

            return current;
        }
        finally
        {
            gate.Release();
        }
    }
}
