using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Conformance;

/// <summary>
/// The history's hash chain (<see cref="HistoryChain"/>): every store chains each event to the one before it where
/// it writes events, and its <see cref="IHistoryVerifier"/> finds a changed, removed or unlinked event. The hooks
/// edit the store's rows behind its back, as someone with direct access to the database would.
/// </summary>
public abstract class HistoryChainConformanceTests : StoreConformanceTests
{
    /// <summary>Sets an event's reason (and its hash, when given) directly in the database.</summary>
    protected abstract Task UpdateEventAsync(string streamId, long seq, string reason, byte[]? hash = null);

    protected abstract Task DeleteEventAsync(string streamId, long seq);

    /// <summary>Writes a stream and its events at the schema version before the chain, as an older build did.
    /// Runs before the test's first store is opened.</summary>
    protected abstract Task WriteLegacyStreamAsync(string streamId, IReadOnlyList<StoredEvent> events);

    private static readonly StoredEvent[] Varied =
    [
        new(1, new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)).AddTicks(1234567), "li.wei", "Registered", null, null, null),
        new(2, new DateTimeOffset(2025, 3, 1, 20, 0, 0, TimeSpan.FromHours(-5)), "wang.fang", "StepRejected", "survey", "边界不清 (boundary unclear)", """{"parcel":"A-7"}"""),
        new(3, new DateTimeOffset(2025, 3, 2, 1, 0, 0, TimeSpan.Zero), "system", "DeadlinePassed", "survey", "", "{}"),
    ];

    [Fact]
    public async Task VerifyStreamAsync_EventsOfSeveralCommits_ChainFromGenesisAsHistoryChainComputes()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("project/H1", 0, [Varied[0], Varied[1]]));
        await store.Aggregates.CommitAsync(Commit("project/H1", 1, [Varied[2]]));

        var result = await store.History.VerifyStreamAsync("project/H1");

        Assert.Null(result.Break);
        Assert.Equal(3, result.Events);
        Assert.Equal(HistoryChain.ToHex(ExpectedHead("project/H1", Varied)), result.HeadHash);
    }

    [Fact]
    public async Task VerifyStreamAsync_ManyStreamsCommittedAtOnce_EveryChainVerifies()
    {
        var store = await OpenStoreAsync();

        // Concurrent commits share batches, where one statement writes the events of many streams.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var stream = $"project/B{i:00}";
            await store.Aggregates.CommitAsync(Commit(stream, 0, [Event(1), Event(2)]));
            await store.Aggregates.CommitAsync(Commit(stream, 1, [Event(3, reason: $"r{i}")]));
        }));

        for (var i = 0; i < 20; i++)
        {
            var stream = $"project/B{i:00}";
            var result = await store.History.VerifyStreamAsync(stream);
            Assert.Null(result.Break);
            Assert.Equal(HistoryChain.ToHex(ExpectedHead(stream, [Event(1), Event(2), Event(3, reason: $"r{i}")])), result.HeadHash);
        }
    }

    [Fact]
    public async Task VerifyStreamAsync_UnknownStream_IntactWithoutEvents()
    {
        var store = await OpenStoreAsync();

        var result = await store.History.VerifyStreamAsync("project/none");

        Assert.Equal(new StreamVerification("project/none", 0, null, null), result);
    }

    [Fact]
    public async Task VerifyStreamAsync_EventChangedInTheDatabase_ReportsThatEventChanged()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("project/C1", 0, Varied));

        await UpdateEventAsync("project/C1", 2, "nothing wrong here");
        var result = await store.History.VerifyStreamAsync("project/C1");

        Assert.Equal("project/C1", result.Break?.StreamId);
        Assert.Equal(2, result.Break?.Seq);
        Assert.Equal(HistoryBreakKind.Changed, result.Break?.Kind);
        Assert.Null(result.HeadHash);
    }

    [Fact]
    public async Task VerifyStreamAsync_EventRewrittenWithItsHashRecomputed_ReportsTheBrokenLinkAfterIt()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("project/L1", 0, Varied));
        var rewritten = Varied[1] with { Reason = "approved after all" };
        var linkedFrom = HistoryChain.Link(HistoryChain.Genesis, "project/L1", Varied[0]);

        await UpdateEventAsync("project/L1", 2, rewritten.Reason!, HistoryChain.Link(linkedFrom, "project/L1", rewritten));
        var result = await store.History.VerifyStreamAsync("project/L1");

        Assert.Equal(3, result.Break?.Seq);
        Assert.Equal(HistoryBreakKind.BrokenLink, result.Break?.Kind);
    }

    [Fact]
    public async Task VerifyStreamAsync_EventDeletedFromTheMiddle_ReportsItRemoved()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("project/R1", 0, Varied));

        await DeleteEventAsync("project/R1", 2);
        var result = await store.History.VerifyStreamAsync("project/R1");

        Assert.Equal(2, result.Break?.Seq);
        Assert.Equal(HistoryBreakKind.Removed, result.Break?.Kind);
    }

    [Fact]
    public async Task VerifyStreamAsync_LastEventDeleted_ReportsItRemoved()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(Commit("project/R2", 0, Varied));

        await DeleteEventAsync("project/R2", 3);
        var result = await store.History.VerifyStreamAsync("project/R2");

        Assert.Equal(3, result.Break?.Seq);
        Assert.Equal(HistoryBreakKind.Removed, result.Break?.Kind);
    }

    [Fact]
    public async Task VerifyStreamsAsync_PagesOverAllStreams_CountsProgressAndListsTheBrokenOne()
    {
        var store = await OpenStoreAsync();
        foreach (var name in new[] { "project/A", "project/B", "project/C", "quota/x" })
        {
            await store.Aggregates.CommitAsync(Commit(name, 0, name.StartsWith("project/", StringComparison.Ordinal) ? [Event(1), Event(2)] : []));
        }

        await UpdateEventAsync("project/B", 1, "edited");

        var first = await store.History.VerifyStreamsAsync(null, 3);
        var second = await store.History.VerifyStreamsAsync(first.Next, 3);
        var progress = new List<HistoryVerificationProgress>();
        var report = await store.History.VerifyAllAsync(new SynchronousProgress(progress));

        Assert.Equal(["project/A", "project/B", "project/C"], first.Streams.Select(s => s.StreamId));
        Assert.Equal((3L, 4L, "project/C"), (first.StreamsDone, first.StreamsTotal, first.Next));
        Assert.Equal(["quota/x"], second.Streams.Select(s => s.StreamId));
        Assert.Equal((4L, 4L, (string?)null), (second.StreamsDone, second.StreamsTotal, second.Next));
        // The walk stops at a stream's first break: project/B counts one event.
        Assert.Equal((4L, 5L), (report.Streams, report.Events));
        var broken = Assert.Single(report.Breaks);
        Assert.Equal(("project/B", 1L, HistoryBreakKind.Changed), (broken.StreamId, broken.Seq, broken.Kind));
        Assert.Equal(new HistoryVerificationProgress(4, 4, 5, 1), progress[^1]);
    }

    [Fact]
    public async Task OpenStore_HistoryWrittenBeforeTheChain_IsChainedInSeqOrderAndVerifies()
    {
        await WriteLegacyStreamAsync("project/OLD", Varied);

        var store = await OpenStoreAsync();
        var result = await store.History.VerifyStreamAsync("project/OLD");
        await store.Aggregates.CommitAsync(Commit("project/OLD", 1, [Event(4)]));
        var extended = await store.History.VerifyStreamAsync("project/OLD");

        Assert.Null(result.Break);
        Assert.Equal(HistoryChain.ToHex(ExpectedHead("project/OLD", Varied)), result.HeadHash);
        Assert.Null(extended.Break);
        Assert.Equal(HistoryChain.ToHex(ExpectedHead("project/OLD", [.. Varied, Event(4)])), extended.HeadHash);
    }

    private static byte[] ExpectedHead(string streamId, IEnumerable<StoredEvent> events)
    {
        var hash = HistoryChain.Genesis.ToArray();
        foreach (var stored in events)
        {
            hash = HistoryChain.Link(hash, streamId, stored);
        }

        return hash;
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; this records each report before returning.</summary>
    private sealed class SynchronousProgress(List<HistoryVerificationProgress> reports) : IProgress<HistoryVerificationProgress>
    {
        public void Report(HistoryVerificationProgress value) => reports.Add(value);
    }
}
