using System.Text;

namespace Workflow.Storage;

/// <summary>
/// One page of a stream's events: after <see cref="Cursor"/> in seq order (from the first when null), or, newest
/// first, before it (from the last when null); at most <see cref="Max"/> events, and no more reasons and facts
/// (UTF-8 bytes) than <see cref="MaxBytes"/>, except that a page always holds its first event.
/// </summary>
public sealed record EventPageQuery(long? Cursor, bool NewestFirst, int Max, int MaxBytes)
{
    /// <summary>The exclusive bound the SQL compares seq with: seq &gt; it oldest first, seq &lt; it newest first.</summary>
    public long Bound => Cursor ?? (NewestFirst ? long.MaxValue : 0);

    /// <summary>Throws for a query no page answers (the stores call it first).</summary>
    public static void Check(string streamId, EventPageQuery query)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.MaxBytes, 0);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Cursor ?? 0);
    }
}

/// <summary>A page of events and whether the stream holds more beyond it in the page's direction.</summary>
public sealed record EventPage(IReadOnlyList<StoredEvent> Events, bool HasMore);

/// <summary>
/// Fills a page from rows read in its order (the stores read <see cref="EventPageQuery.Max"/> + 1 rows, so the
/// extra one says whether there are more). Stops at the count or at the byte budget, whichever comes first.
/// </summary>
public sealed class EventPageBuilder(EventPageQuery query)
{
    private readonly List<StoredEvent> events = [];
    private long bytes;
    private bool hasMore;

    /// <summary>The rows a store reads for this page: one more than it holds.</summary>
    public int RowsToRead => query.Max + 1;

    /// <summary>Adds the next row; false when the page is full (the row is left out and the page has more).</summary>
    public bool TryAdd(StoredEvent next)
    {
        var size = SizeOf(next);
        if (events.Count >= query.Max || (events.Count > 0 && bytes + size > query.MaxBytes))
        {
            hasMore = true;
            return false;
        }

        events.Add(next);
        bytes += size;
        return true;
    }

    public EventPage Build() => new(events, hasMore);

    public static long SizeOf(StoredEvent stored) =>
        (stored.Reason is null ? 0 : Encoding.UTF8.GetByteCount(stored.Reason))
        + (stored.FactsJson is null ? 0 : Encoding.UTF8.GetByteCount(stored.FactsJson));
}
