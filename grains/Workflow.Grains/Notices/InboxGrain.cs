using Orleans.Concurrency;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Projections;

namespace Workflow.Grains;

/// <summary>
/// One user's inbox, read from the notices projection's tables: it keeps nothing in memory, so any activation on any
/// silo answers the same, and losing one loses nothing. Reentrant, so a long poll (<see cref="WaitAsync"/>) never holds
/// up a list or a read mark of the same user, nor a second open stream.
/// </summary>
[Reentrant]
public sealed class InboxGrain(NoticeWatcher watcher, TimeProvider time) : Grain, IInboxGrain
{
    public const int MaxLimit = 100;

    /// <summary>Below the Orleans response timeout (30 s), so a long poll answers before the call would time out.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(25);

    private string User => this.GetPrimaryKeyString();

    public async Task<InboxReply> ListAsync(InboxQuery query, ActorInfo actor)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Check(actor, out var reader) is { } refusal)
        {
            return new InboxReply(null, refusal);
        }

        if (query.Limit is < 1 or > MaxLimit)
        {
            return new InboxReply(null, Refusal.Invalid(Rules.LimitOutOfRange, $"limit must be 1 to {MaxLimit}."));
        }

        if (query.BeforeId is < 1)
        {
            return new InboxReply(null, Refusal.Invalid(Rules.InvalidCursor, "before must be a notice id, 1 or more."));
        }

        return new InboxReply(await InboxAsync(reader, query), null);
    }

    public async Task<InboxReply> MarkReadAsync(long noticeId, ActorInfo actor)
    {
        if (Check(actor, out var reader) is { } refusal)
        {
            return new InboxReply(null, refusal);
        }

        if (reader is not null)
        {
            await using var connection = await watcher.OpenAsync();
            if (await NoticeQueries.FindAsync(connection, reader, User, noticeId, CancellationToken.None) is { } notice)
            {
                await NoticeQueries.MarkReadAsync(connection, User, notice, time.GetUtcNow(), CancellationToken.None);
                return new InboxReply(await InboxAsync(reader, new InboxQuery()), null);
            }
        }

        // Another user's notice is as absent as one that never was.
        return new InboxReply(null, Refusal.NotFound($"No notice {noticeId} in your inbox."));
    }

    public async Task<IReadOnlyList<Notice>> WaitAsync(long afterId, TimeSpan wait, ActorInfo actor)
    {
        if (Check(actor, out var reader) is not null || reader is null)
        {
            return [];
        }

        var deadline = time.GetUtcNow() + (wait > MaxWait ? MaxWait : wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
        using var waiting = watcher.Waiting();
        while (true)
        {
            // Taken before reading, so a notice that lands between the read and the wait still wakes us.
            var changed = watcher.Changed;
            await using (var connection = await watcher.OpenAsync())
            {
                var rows = await NoticeQueries.AfterAsync(connection, reader, User, afterId, MaxLimit, CancellationToken.None);
                if (rows.Count > 0)
                {
                    return [.. rows.Select(ToNotice)];
                }
            }

            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return [];
            }

            await Task.WhenAny(changed, Task.Delay(remaining, time));
        }
    }

    /// <summary>An inbox is read by its own user only; the audience they read follows from their claims.</summary>
    private Refusal? Check(ActorInfo actor, out NoticeReader? reader)
    {
        ArgumentNullException.ThrowIfNull(actor);
        reader = null;
        if (!string.Equals(actor.Id, User, StringComparison.Ordinal))
        {
            return Refusal.Forbidden(Rules.NotYourInbox, "An inbox is read by its own user only.");
        }

        reader = NoticeAudiences.ReaderOf(actor.ToDomain());
        return null;
    }

    private async Task<Inbox> InboxAsync(NoticeReader? reader, InboxQuery query)
    {
        if (reader is null)
        {
            // Enterprises and administrators are told nothing: their inbox is empty rather than refused.
            return new Inbox([], 0, null);
        }

        await using var connection = await watcher.OpenAsync();
        var rows = await NoticeQueries.PageAsync(connection, reader, User, query.BeforeId, query.Limit + 1, query.UnreadOnly, CancellationToken.None);
        var unread = await NoticeQueries.UnreadCountAsync(connection, reader, User, CancellationToken.None);
        var page = rows.Take(query.Limit).Select(ToNotice).ToList();
        return new Inbox(page, unread, rows.Count > query.Limit ? page[^1].Id : null);
    }

    private static Notice ToNotice(NoticeRow row) => new(
        row.Id, row.Kind, row.ProjectCode, row.ProjectName, row.Step, row.Light, row.Reason, row.At, row.Read, row.Stream, row.Seq, row.County, row.Department);
}
