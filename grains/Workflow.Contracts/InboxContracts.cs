namespace Workflow.Contracts;

/// <summary>
/// A user's notices (a step or an inspection finding turned yellow or red, a chase), kept by the notices projection of the
/// history: each notice exists once per recipient, whatever restarts or silo losses happen. Keyed by user id; the actor
/// must be that user.
/// </summary>
public interface IInboxGrain : IGrainWithStringKey
{
    /// <summary>The newest notices first, paged by id: <c>BeforeId</c> null for the first page.</summary>
    Task<InboxReply> ListAsync(InboxQuery query, ActorInfo actor);

    Task<InboxReply> MarkReadAsync(long noticeId, ActorInfo actor);

    /// <summary>Notices with ids above <paramref name="afterId"/>, oldest first; waits up to <paramref name="wait"/> for
    /// one to arrive when there is none (a long poll the event stream rides on).</summary>
    Task<IReadOnlyList<Notice>> WaitAsync(long afterId, TimeSpan wait, ActorInfo actor);
}

[GenerateSerializer, Immutable, Alias("landflow.InboxQuery")]
public sealed record InboxQuery(
    [property: Id(0)] long? BeforeId = null,
    [property: Id(1)] int Limit = 20,
    [property: Id(2)] bool UnreadOnly = false);

/// <summary>Kind: light (a step's light turned yellow or red), chase (催办), finding (an inspection finding's light).
/// <c>Stream</c>/<c>Seq</c> name the history event it came from.</summary>
[GenerateSerializer, Immutable, Alias("landflow.Notice")]
public sealed record Notice(
    [property: Id(0)] long Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? ProjectCode,
    [property: Id(3)] string? ProjectName,
    [property: Id(4)] string? Step,
    [property: Id(5)] string? Light,
    [property: Id(6)] string? Reason,
    [property: Id(7)] DateTimeOffset At,
    [property: Id(8)] bool Read,
    [property: Id(9)] string Stream,
    [property: Id(10)] long Seq,
    [property: Id(11)] string? County = null,
    [property: Id(12)] string? Department = null);

[GenerateSerializer, Immutable, Alias("landflow.Inbox")]
public sealed record Inbox(
    [property: Id(0)] IReadOnlyList<Notice> Items,
    [property: Id(1)] int Unread,
    [property: Id(2)] long? NextBeforeId);

[GenerateSerializer, Immutable, Alias("landflow.InboxReply")]
public sealed record InboxReply([property: Id(0)] Inbox? Value, [property: Id(1)] Refusal? Refusal);
