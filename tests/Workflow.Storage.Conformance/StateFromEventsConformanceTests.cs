using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Conformance;

/// <summary>
/// A stream's state is its latest snapshot with the deltas its later events carry and its pending delta applied:
/// every store must load exactly that, and give the deltas back with the events so the state can be rebuilt from the
/// history alone.
/// </summary>
public abstract class StateFromEventsConformanceTests : StoreConformanceTests
{
    private const string Registered = """{"code":"P1","stage":"filed","steps":[{"key":"a","done":false},{"key":"b","done":false}]}""";

    [Fact]
    public async Task LoadAsync_DeltasWithoutSnapshot_FoldsThemInSeqOrder()
    {
        var store = await OpenStoreAsync();
        var first = Delta(null, Registered);
        var second = Delta(Registered, Step("a", done: true));

        await store.Aggregates.CommitAsync(DeltaCommit("project/P1", 0, Event(1) with { StateDelta = first }));
        await store.Aggregates.CommitAsync(DeltaCommit("project/P1", 1, Event(2), Event(3) with { StateDelta = second }));

        var loaded = await store.Aggregates.LoadAsync("project/P1");
        Assert.NotNull(loaded);
        AssertSameJson(Step("a", done: true), loaded.StateJson);
        Assert.Equal((2L, 3L), (loaded.Version, loaded.LastSeq));
        Assert.Equal(2, loaded.DeltasSinceSnapshot);
        Assert.Equal(first.Length + second.Length, loaded.DeltaCharsSinceSnapshot);
        Assert.False(loaded.HasPendingDelta);
    }

    [Fact]
    public async Task LoadAsync_SnapshotThenDeltas_AppliesOnlyTheDeltasAfterTheSnapshot()
    {
        var store = await OpenStoreAsync();
        var stepA = Step("a", done: true);
        var stepB = Step("b", done: true, from: stepA);

        await store.Aggregates.CommitAsync(DeltaCommit("project/P1", 0, Event(1) with { StateDelta = Delta(null, Registered) }));

        // The snapshot's commit carries its delta too (the history stays complete); the load must not apply it twice.
        await store.Aggregates.CommitAsync(DeltaCommit("project/P1", 1, Event(2) with { StateDelta = Delta(Registered, stepA) }) with { StateJson = stepA });
        await store.Aggregates.CommitAsync(DeltaCommit("project/P1", 2, Event(3) with { StateDelta = Delta(stepA, stepB) }));

        var loaded = await store.Aggregates.LoadAsync("project/P1");
        Assert.NotNull(loaded);
        AssertSameJson(stepB, loaded.StateJson);
        Assert.Equal(1, loaded.DeltasSinceSnapshot);
    }

    [Fact]
    public async Task LoadAsync_PendingDelta_AppliedAfterTheEventsAndClearedByTheNextEvent()
    {
        var store = await OpenStoreAsync();
        var intent = """{"code":"P1","stage":"filed","steps":[{"key":"a","done":false},{"key":"b","done":false}],"pending":"r1"}""";
        var reserved = """{"code":"P1","stage":"reserved","steps":[{"key":"a","done":false},{"key":"b","done":false}]}""";
        await store.Aggregates.CommitAsync(DeltaCommit("project/P1", 0, Event(1) with { StateDelta = Delta(null, Registered) }));

        // A commit without events: its change waits in the pending delta, relative to the state at the last event.
        await store.Aggregates.CommitAsync(new AggregateCommit("project/P1", 1, null, [], PendingDelta: Delta(Registered, intent)));
        var pending = await store.Aggregates.LoadAsync("project/P1");
        Assert.NotNull(pending);
        AssertSameJson(intent, pending.StateJson);
        Assert.True(pending.HasPendingDelta);
        AssertSameJson(Registered, pending.EventStateJson!);
        Assert.Equal(1, pending.LastSeq);

        // The next event's delta is taken from the state at the last event, so it holds the intent's change too.
        await store.Aggregates.CommitAsync(DeltaCommit("project/P1", 2, Event(2) with { StateDelta = Delta(Registered, reserved) }));
        var loaded = await store.Aggregates.LoadAsync("project/P1");
        Assert.NotNull(loaded);
        AssertSameJson(reserved, loaded.StateJson);
        Assert.False(loaded.HasPendingDelta);
        Assert.Null(loaded.EventStateJson);
    }

    [Fact]
    public async Task ReadEventsAsync_StreamWithDeltas_RebuildsFromTheHistoryAloneWhatLoadReturns()
    {
        var store = await OpenStoreAsync();
        var states = new List<string> { Registered };
        for (var i = 0; i < 12; i++)
        {
            var next = System.Text.Json.Nodes.JsonNode.Parse(Step(i % 2 == 0 ? "a" : "b", done: i % 3 != 0, from: states[^1]))!;
            next["stage"] = $"stage{i}";
            states.Add(next.ToJsonString());
        }

        string? previous = null;
        for (var i = 0; i < states.Count; i++)
        {
            var commit = DeltaCommit("project/P1", i, Event(i + 1) with { StateDelta = Delta(previous, states[i]) });
            await store.Aggregates.CommitAsync(i == 5 ? commit with { StateJson = states[i] } : commit);
            previous = states[i];
        }

        var history = await store.Aggregates.ReadEventsAsync("project/P1");
        var rebuilt = StateDeltas.Fold(null, history.Select(e => e.StateDelta));
        var loaded = await store.Aggregates.LoadAsync("project/P1");
        Assert.NotNull(loaded);
        AssertSameJson(states[^1], rebuilt!);
        AssertSameJson(states[^1], loaded.StateJson);
        Assert.Equal(states.Count - 6, loaded.DeltasSinceSnapshot);
    }

    [Fact]
    public async Task LoadAsync_LargeDelta_RoundTripsExactly()
    {
        var store = await OpenStoreAsync();

        // Long enough to be stored compressed where a store compresses, with text that is not ASCII.
        var large = "{\"notes\":[" + string.Join(",", Enumerable.Range(0, 300).Select(i => $"\"第{i}号 补充耕地 · note {i}\"")) + "]}";
        var delta = Delta(null, large);
        await store.Aggregates.CommitAsync(DeltaCommit("project/P1", 0, Event(1) with { StateDelta = delta }));

        var loaded = await store.Aggregates.LoadAsync("project/P1");
        var history = await store.Aggregates.ReadEventsAsync("project/P1");
        Assert.NotNull(loaded);
        AssertSameJson(large, loaded.StateJson);
        Assert.Equal(delta, Assert.Single(history).StateDelta);
    }

    [Fact]
    public async Task CommitAsync_FirstCommitWithoutAnyState_IsRefusedAndWritesNothing()
    {
        var store = await OpenStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.Aggregates.CommitAsync(new AggregateCommit("project/P1", 0, null, [Event(1)])));

        Assert.Null(await store.Aggregates.LoadAsync("project/P1"));
    }

    [Fact]
    public async Task VerifyStreamAsync_EventsWithDeltas_ChainHolds()
    {
        var store = await OpenStoreAsync();
        await store.Aggregates.CommitAsync(DeltaCommit("project/P1", 0, Event(1) with { StateDelta = Delta(null, Registered) }));
        await store.Aggregates.CommitAsync(DeltaCommit("project/P1", 1, Event(2)));
        await store.Aggregates.CommitAsync(DeltaCommit("project/P1", 2, Event(3) with { StateDelta = Delta(Registered, Step("a", done: true)) }));

        var verified = await store.History.VerifyStreamAsync("project/P1");

        Assert.True(verified.Intact, verified.ToString());
        Assert.Equal(3, verified.Events);
    }

    private static AggregateCommit DeltaCommit(string streamId, long expectedVersion, params StoredEvent[] events) =>
        new(streamId, expectedVersion, null, events);

    private static string Delta(string? before, string after) =>
        StateDeltas.Diff(before is null ? null : StateBaseline.Of(before), after, out _) ?? throw new InvalidOperationException("No change.");

    private static string Step(string key, bool done, string? from = null)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(from ?? Registered)!.AsObject();
        foreach (var step in node["steps"]!.AsArray())
        {
            if ((string?)step!["key"] == key)
            {
                step["done"] = done;
            }
        }

        return node.ToJsonString();
    }

    private static void AssertSameJson(string expected, string actual) =>
        Assert.True(
            System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(expected), System.Text.Json.Nodes.JsonNode.Parse(actual)),
            $"Expected {expected}\nbut got  {actual}");
}
