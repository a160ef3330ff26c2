namespace Workflow.Contracts;

/// <summary>
/// Checks the hash chain of stored history for an administrator: one project, or every stream page by page.
/// Refuses anyone else (forbidden, role-forbidden).
/// </summary>
public interface IHistoryAuditGrain : IGrainWithIntegerKey
{
    /// <summary>Checks one project's history; notFound when the project has none.</summary>
    Task<HistoryAuditReply> VerifyProjectAsync(string code, ActorInfo actor);

    /// <summary>Checks up to <paramref name="limit"/> streams after <paramref name="after"/> (from the first when
    /// null); the reply's <see cref="HistoryAuditView.Next"/> continues.</summary>
    Task<HistoryAuditReply> VerifyAllAsync(string? after, int limit, ActorInfo actor);
}

[GenerateSerializer, Immutable, Alias("landflow.HistoryAuditReply")]
public sealed record HistoryAuditReply(
    [property: Id(0)] HistoryAuditView? Report,
    [property: Id(1)] Refusal? Refusal = null);

/// <summary>
/// What was checked: <see cref="StreamsChecked"/> streams and <see cref="EventsChecked"/> events in this call,
/// <see cref="StreamsDone"/> of <see cref="StreamsTotal"/> in stream order so far, the first break of each broken
/// stream, the head hash of a single intact project, and the cursor of the next page (null when done).
/// </summary>
[GenerateSerializer, Immutable, Alias("landflow.HistoryAuditView")]
public sealed record HistoryAuditView(
    [property: Id(0)] int StreamsChecked,
    [property: Id(1)] long EventsChecked,
    [property: Id(2)] long StreamsDone,
    [property: Id(3)] long StreamsTotal,
    [property: Id(4)] IReadOnlyList<HistoryBreakView> Broken,
    [property: Id(5)] string? HeadHash,
    [property: Id(6)] string? Next);

/// <summary>The first broken event of a stream; <c>Kind</c> is changed, removed or brokenLink.</summary>
[GenerateSerializer, Immutable, Alias("landflow.HistoryBreakView")]
public sealed record HistoryBreakView(
    [property: Id(0)] string StreamId,
    [property: Id(1)] string? Project,
    [property: Id(2)] long Seq,
    [property: Id(3)] string Kind,
    [property: Id(4)] string Detail);
