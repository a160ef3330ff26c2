namespace Workflow.Storage.Conformance;

/// <summary>Builders for commits, events and index rows, with fixed instants (tests never read the clock).</summary>
public static class TestData
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    public static StoredEvent Event(
        long seq,
        DateTimeOffset? at = null,
        string actor = "li.wei",
        string kind = "StepCompleted",
        string? step = "survey",
        string? reason = null,
        string? factsJson = null) =>
        new(seq, at ?? T0.AddMinutes(seq), actor, kind, step, reason, factsJson);

    public static AggregateCommit Commit(
        string streamId,
        long expectedVersion,
        IReadOnlyList<StoredEvent>? events = null,
        string? stateJson = null,
        ProjectIndexEntry? index = null,
        DeadlineChange? deadline = null,
        IReadOnlyList<ArchivedRecord>? archive = null) =>
        new(streamId, expectedVersion, stateJson ?? $$"""{"v":{{expectedVersion + 1}}}""", events ?? [], index, deadline, archive);

    /// <summary>An archived record; its JSON names its key unless given.</summary>
    public static ArchivedRecord Record(string key, string? json = null) => new(key, json ?? $$"""{"key":"{{key}}"}""");

    public static ProjectIndexEntry Project(
        string code,
        string county = "Anning",
        string state = "Active",
        string light = "Green",
        string ownerUscc = "91530100MA6K000001",
        string? liaison = "li.wei",
        IReadOnlyList<string>? openSteps = null,
        string? name = null) =>
        new(code, name ?? $"Project {code}", county, ownerUscc, liaison, state, light, openSteps ?? [], T0, T0.AddHours(1));

    public static void AssertSameEvent(StoredEvent expected, StoredEvent actual)
    {
        Assert.Equal(expected.Seq, actual.Seq);
        AssertSameInstant(expected.At, actual.At);
        Assert.Equal(expected.Actor, actual.Actor);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Step, actual.Step);
        Assert.Equal(expected.Reason, actual.Reason);
        Assert.Equal(expected.FactsJson, actual.FactsJson);
    }

    public static void AssertSameEntry(ProjectIndexEntry expected, ProjectIndexEntry actual)
    {
        Assert.Equal(expected.Code, actual.Code);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.County, actual.County);
        Assert.Equal(expected.OwnerUscc, actual.OwnerUscc);
        Assert.Equal(expected.Liaison, actual.Liaison);
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.Light, actual.Light);
        Assert.Equal(expected.OpenSteps, actual.OpenSteps);
        AssertSameInstant(expected.RegisteredAt, actual.RegisteredAt);
        AssertSameInstant(expected.UpdatedAt, actual.UpdatedAt);
    }

    /// <summary>DateTimeOffset equality ignores the offset; the store must keep it too.</summary>
    public static void AssertSameInstant(DateTimeOffset expected, DateTimeOffset? actual)
    {
        Assert.NotNull(actual);
        Assert.True(expected.EqualsExact(actual.Value), $"Expected {expected:o}, got {actual.Value:o}.");
    }
}
