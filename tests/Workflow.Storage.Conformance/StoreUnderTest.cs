namespace Workflow.Storage.Conformance;

/// <summary>The store interfaces of one implementation, as the conformance suites see them.</summary>
public sealed class StoreUnderTest : IAsyncDisposable
{
    private readonly IAsyncDisposable owner;

    private StoreUnderTest(
        IAggregateStore aggregates, IProjectIndex projects, IDeadlineStore deadlines, ISettingsStore settings, IHistoryVerifier history,
        IHistoryFeed feed, IAsyncDisposable owner)
    {
        Feed = feed;
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

    public IHistoryFeed Feed { get; }

    /// <summary>Where this store's read models live; set by <see cref="WithReadModels"/>.</summary>
    public IReadModelDatabase ReadModels { get; private set; } = null!;

    public StoreUnderTest WithReadModels(IReadModelDatabase readModels)
    {
        ReadModels = readModels;
        return this;
    }

    public static StoreUnderTest Of<TStore>(TStore store)
        where TStore : IAggregateStore, IProjectIndex, IDeadlineStore, ISettingsStore, IHistoryVerifier, IHistoryFeed, IAsyncDisposable =>
        new(store, store, store, store, store, store, store);

    public ValueTask DisposeAsync() => owner.DisposeAsync();
}
