using Workflow.Contracts;
using Workflow.Storage;

namespace Workflow.Grains.Tests;

/// <summary>Makes the next matching grain call fail after the callee has done its work, as when a
/// silo dies between a ledger's commit and the caller hearing of it.</summary>
public sealed class FaultInjection
{
    private Func<IIncomingGrainCallContext, bool>? armed;
    private Func<IIncomingGrainCallContext, Exception>? fault;
    private bool repeat;
    private readonly Lock enteredGate = new();
    private readonly Dictionary<string, int> entered = new(StringComparer.Ordinal);
    private readonly List<(string Method, int Count, TaskCompletionSource Reached)> enteredWaiters = [];

    public int Fired { get; private set; }

    /// <summary>Failures of the silo's store, armed per stream (see <see cref="FaultInjectingStore"/>).</summary>
    public StoreFaults Store { get; } = new();

    /// <param name="as">The exception the caller sees; by default an <see cref="InjectedFaultException"/>, or for
    /// example the <c>SiloUnavailableException</c> of a silo that died with the call in flight.</param>
    public void FailAfterNext(string interfaceMethod, Func<IIncomingGrainCallContext, bool>? also = null, Func<IIncomingGrainCallContext, Exception>? @as = null)
    {
        fault = @as;
        repeat = false;
        armed = context => context.InterfaceMethod.Name == interfaceMethod && (also?.Invoke(context) ?? true);
    }

    /// <summary>Fails every matching call until <see cref="Disarm"/>: a silo that stays out of reach for a while,
    /// whoever calls (the deadline scheduler too).</summary>
    public void FailAfterEach(string interfaceMethod, Func<IIncomingGrainCallContext, Exception> @as)
    {
        FailAfterNext(interfaceMethod, @as: @as);
        repeat = true;
    }

    public void Disarm() => armed = null;

    /// <summary>Completes once <paramref name="count"/> calls of <paramref name="interfaceMethod"/> have started (their
    /// synchronous part has run in the grain): calls queued inside a grain can be told from calls still on the way.</summary>
    public Task EnteredAsync(string interfaceMethod, int count)
    {
        lock (enteredGate)
        {
            if (entered.GetValueOrDefault(interfaceMethod) >= count)
            {
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            enteredWaiters.Add((interfaceMethod, count, waiter));
            return waiter.Task;
        }
    }

    internal void Entered(string interfaceMethod)
    {
        lock (enteredGate)
        {
            var now = entered[interfaceMethod] = entered.GetValueOrDefault(interfaceMethod) + 1;
            foreach (var waiter in enteredWaiters.Where(w => w.Method == interfaceMethod && w.Count <= now).ToList())
            {
                enteredWaiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }
        }
    }

    /// <summary>The exception to throw for this call if the fault is armed for it (and disarms it), else null.</summary>
    public Exception? TakeIfArmed(IIncomingGrainCallContext context)
    {
        var current = armed;
        if (current is null || !current(context))
        {
            return null;
        }

        if (!repeat)
        {
            armed = null;
        }

        Fired++;
        return fault?.Invoke(context) ?? new InjectedFaultException($"Injected failure after {context.InterfaceMethod.Name} on {context.TargetId}.");
    }
}

public sealed class FaultInjectionFilter(FaultInjection faults) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var invoked = context.Invoke();
        faults.Entered(context.InterfaceMethod.Name);
        await invoked;
        if (faults.TakeIfArmed(context) is { } fault)
        {
            throw fault;
        }
    }
}

[GenerateSerializer]
public sealed class InjectedFaultException(string message) : Exception(message);

/// <summary>Where an injected store failure falls relative to the write.</summary>
public enum CommitFault
{
    /// <summary>Raised before the commit reaches the store: nothing lands, as when the connection is refused.</summary>
    BeforeWrite,

    /// <summary>Raised after the store has made the commit durable: it lands but the caller hears of a failure, as
    /// when the connection drops during COMMIT.</summary>
    AfterWrite,
}

/// <summary>Store failures armed per stream, for the grains' recovery from a failed or uncertain commit.</summary>
public sealed class StoreFaults
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (CommitFault When, long? AtVersion, Exception? As, bool FailReload)> commits = new(StringComparer.Ordinal);
    private readonly HashSet<string> loads = new(StringComparer.Ordinal);
    private CommitHold? hold;

    /// <summary>Holds every commit to the given streams before the write until <see cref="CommitHold.Release"/>: shows how
    /// many callers reach the store at once.</summary>
    public CommitHold HoldCommits(IReadOnlyCollection<string> streamIds)
    {
        var armed = new CommitHold(streamIds);
        lock (gate)
        {
            hold = armed;
        }

        return armed;
    }

    internal Task WaitIfHeldAsync(AggregateCommit commit)
    {
        CommitHold? armed;
        lock (gate)
        {
            armed = hold;
        }

        return armed?.WaitAsync(commit.StreamId) ?? Task.CompletedTask;
    }

    /// <summary>Fails the next commit to <paramref name="streamId"/> (at <paramref name="atVersion"/> if given) with a
    /// <see cref="StoreUnavailableException"/> (applied unknown after the write, not applied before) or
    /// <paramref name="as"/>; with <paramref name="failReload"/>, the load that follows fails too, as when the store
    /// stays down.</summary>
    public void FailNextCommit(string streamId, CommitFault when, long? atVersion = null, Exception? @as = null, bool failReload = false)
    {
        lock (gate)
        {
            commits[streamId] = (when, atVersion, @as, failReload);
        }
    }

    internal Exception? TakeCommit(AggregateCommit commit, CommitFault when)
    {
        var streamId = commit.StreamId;
        lock (gate)
        {
            if (!commits.TryGetValue(streamId, out var armed) || armed.When != when
                || (armed.AtVersion is { } version && version != commit.ExpectedVersion))
            {
                return null;
            }

            commits.Remove(streamId);
            if (armed.FailReload)
            {
                loads.Add(streamId);
            }

            return armed.As ?? new StoreUnavailableException(
                $"Injected store failure {when} the commit to {streamId}.", mayHaveCommitted: when == CommitFault.AfterWrite);
        }
    }

    internal Exception? TakeLoad(string streamId)
    {
        lock (gate)
        {
            return loads.Remove(streamId)
                ? new StoreUnavailableException($"Injected store failure loading {streamId}.", mayHaveCommitted: false)
                : null;
        }
    }
}

/// <summary>The silo's store with <see cref="StoreFaults"/> applied; everything else passes through.</summary>
public sealed class FaultInjectingStore(IAggregateStore inner, StoreFaults faults) : IAggregateStore
{
    public async Task<AggregateSnapshot?> LoadAsync(string streamId, CancellationToken cancellationToken = default) =>
        faults.TakeLoad(streamId) is { } fault ? throw fault : await inner.LoadAsync(streamId, cancellationToken);

    public async Task CommitAsync(AggregateCommit commit, CancellationToken cancellationToken = default)
    {
        await faults.WaitIfHeldAsync(commit);
        if (faults.TakeCommit(commit, CommitFault.BeforeWrite) is { } before)
        {
            throw before;
        }

        await inner.CommitAsync(commit, cancellationToken);
        if (faults.TakeCommit(commit, CommitFault.AfterWrite) is { } after)
        {
            throw after;
        }
    }

    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string streamId, long afterSeq = 0, int max = int.MaxValue, CancellationToken cancellationToken = default) =>
        inner.ReadEventsAsync(streamId, afterSeq, max, cancellationToken);

    public Task<EventPage> ReadEventPageAsync(string streamId, EventPageQuery query, CancellationToken cancellationToken = default) =>
        inner.ReadEventPageAsync(streamId, query, cancellationToken);

    public Task<string?> LoadArchivedAsync(string streamId, string key, CancellationToken cancellationToken = default) =>
        inner.LoadArchivedAsync(streamId, key, cancellationToken);

    public Task<IReadOnlyList<ArchivedRecord>> ReadArchiveAsync(string streamId, string? afterKey = null, int max = int.MaxValue, CancellationToken cancellationToken = default) =>
        inner.ReadArchiveAsync(streamId, afterKey, max, cancellationToken);
}

/// <summary>Commits to some streams, held before the write: <see cref="Held"/> counts those waiting.</summary>
public sealed class CommitHold(IReadOnlyCollection<string> streamIds)
{
    private readonly HashSet<string> streams = new(streamIds, StringComparer.Ordinal);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource allHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int held;

    public int Held => Volatile.Read(ref held);

    /// <summary>Completes once a commit to every one of the streams is waiting at once.</summary>
    public Task AllHeld => allHeld.Task;

    public void Release() => released.TrySetResult();

    internal Task WaitAsync(string streamId)
    {
        if (!streams.Contains(streamId))
        {
            return Task.CompletedTask;
        }

        if (Interlocked.Increment(ref held) == streams.Count)
        {
            allHeld.TrySetResult();
        }

        return released.Task;
    }
}
