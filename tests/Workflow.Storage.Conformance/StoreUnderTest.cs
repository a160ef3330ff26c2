namespace Workflow.Storage.Conformance;

/// <summary>The store interfaces of one implementation, as the conformance suites see them.</summary>
public sealed class StoreUnderTest : IAsyncDisposable
{
    private readonly IAsyncDisposable owner;

    private StoreUnderTest(
        IAggregateStore aggregates, IProjectIndex projects, IDeadlineStore deadlines, ISettingsStore settings, IHistoryVerifier history,
        IAsyncDisposable owner)
    {
        History = history;
        Aggregates = aggregates;
        Projects = projects;
        Deadlines = deadlines;
        Settings = settings;
        this.owner = owner;
    }

    public IAggregateStore Aggregates { get; }

    public IProjectIndex Projects { get; }

    public IDeadlineStore Deadlines { get; }

    public ISettingsStore Settings { get; }

    public IHistoryVerifier History { get; }

    public static StoreUnderTest Of<TStore>(TStore store)
        where TStore : IAggregateStore, IProjectIndex, IDeadlineStore, ISettingsStore, IHistoryVerifier, IAsyncDisposable =>
        new(store, store, store, store, store, store);

    public ValueTask DisposeAsync() => owner.DisposeAsync();
}
