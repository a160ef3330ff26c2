using Orleans.Concurrency;
using Workflow.Contracts;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>
/// Readiness: a grain call that reaches a silo, which reads its store by primary key for a stream nobody writes.
/// It costs one index probe whatever the store holds (no count, no scan), and says nothing about the data.
/// A stateless worker, so probes never queue behind one another on one activation.
/// </summary>
// Reentrant: no state to guard, and without it a silo runs one call per core while the rest wait on store round trips.
[StatelessWorker, Reentrant]
public sealed class ReadinessGrain(IAggregateStore store) : Grain, IReadinessGrain
{
    /// <summary>Never written: <see cref="PingAsync"/> only proves that the store answers.</summary>
    public const string ProbeStream = "health/readiness-probe";

    public async Task PingAsync() => await store.LoadAsync(ProbeStream);
}
