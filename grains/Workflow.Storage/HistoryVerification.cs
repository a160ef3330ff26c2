namespace Workflow.Storage;

/// <summary>Checks the hash chain of stored history (see <see cref="HistoryChain"/>); reads only.</summary>
public interface IHistoryVerifier
{
    /// <summary>Checks one stream; a stream that does not exist verifies with no events.</summary>
    Task<StreamVerification> VerifyStreamAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>Checks the streams after <paramref name="afterStreamId"/> (from the first when null), at most
    /// <paramref name="maxStreams"/>, in stream id order (ordinal over UTF-8 bytes). Pass the page's
    /// <see cref="HistoryVerificationPage.Next"/> to continue.</summary>
    Task<HistoryVerificationPage> VerifyStreamsAsync(
        string? afterStreamId, int maxStreams, CancellationToken cancellationToken = default);
}

/// <summary>An event row as stored, with the two hashes of its link in the chain (null when missing).</summary>
public sealed record ChainedEvent(StoredEvent Event, byte[]? PreviousHash, byte[]? Hash);

/// <summary>How the first broken event of a stream is broken.</summary>
public enum HistoryBreakKind
{
    /// <summary>The event's fields (or its own hashes) no longer give its stored hash.</summary>
    Changed,

    /// <summary>Sequence numbers are missing: events were deleted.</summary>
    Removed,

    /// <summary>The event is intact but does not chain from the hash of the event before it: that one was
    /// rewritten together with its hash (or this link was).</summary>
    BrokenLink,
}

/// <summary>The first event at which a stream's history fails to verify.</summary>
public sealed record HistoryBreak(string StreamId, long Seq, HistoryBreakKind Kind, string Detail);

/// <summary>One stream's result: events checked, the last event's hash (lower-case hex; null without events or when
/// broken), which an inspector may record to compare later, and the first break, if any.</summary>
public sealed record StreamVerification(string StreamId, long Events, string? HeadHash, HistoryBreak? Break)
{
    public bool Intact => Break is null;
}

/// <summary>One page of <see cref="IHistoryVerifier.VerifyStreamsAsync"/>: the streams checked, how many streams
/// are at or before the page's last one (<see cref="StreamsDone"/>) out of <see cref="StreamsTotal"/>, and where
/// to continue (null when this was the last page).</summary>
public sealed record HistoryVerificationPage(
    IReadOnlyList<StreamVerification> Streams, long StreamsDone, long StreamsTotal, string? Next);

/// <summary>Progress of <see cref="HistoryVerifierExtensions.VerifyAllAsync"/>.</summary>
public sealed record HistoryVerificationProgress(long StreamsDone, long StreamsTotal, long Events, int Broken);

/// <summary>Every stream checked: how many, how many events, and the first break of each broken stream.</summary>
public sealed record HistoryVerificationReport(long Streams, long Events, IReadOnlyList<HistoryBreak> Breaks);

public static class HistoryVerifierExtensions
{
    public const int PageSize = 500;

    /// <summary>Checks every stream, page by page, reporting progress after each page.</summary>
    public static async Task<HistoryVerificationReport> VerifyAllAsync(
        this IHistoryVerifier verifier,
        IProgress<HistoryVerificationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        var breaks = new List<HistoryBreak>();
        long streams = 0;
        long events = 0;
        string? after = null;
        do
        {
            var page = await verifier.VerifyStreamsAsync(after, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var stream in page.Streams)
            {
                streams++;
                events += stream.Events;
                if (stream.Break is { } broken)
                {
                    breaks.Add(broken);
                }
            }

            progress?.Report(new HistoryVerificationProgress(page.StreamsDone, page.StreamsTotal, events, breaks.Count));
            after = page.Next;
        }
        while (after is not null);

        return new HistoryVerificationReport(streams, events, breaks);
    }
}

/// <summary>
/// Walks one stream's event rows in seq order and finds the first break. The stores feed it what they read;
/// the rules are here once. Seqs start at 1 and have no gaps; the stream row's last seq says how many there were.
/// </summary>
public sealed class HistoryChainWalk(string streamId)
{
    private byte[] previous = HistoryChain.Genesis.ToArray();
    private long expectedSeq = 1;

    public long Events { get; private set; }

    public HistoryBreak? Break { get; private set; }

    /// <summary>The last seq read (0 before any), so a reader can continue after it.</summary>
    public long LastSeq => expectedSeq - 1;

    /// <summary>Checks the next row; false once a break is found (later rows need not be read).</summary>
    public bool Next(ChainedEvent row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (Break is not null)
        {
            return false;
        }

        var seq = row.Event.Seq;
        Events++;
        if (seq != expectedSeq)
        {
            return Fail(expectedSeq, HistoryBreakKind.Removed,
                seq - expectedSeq == 1
                    ? $"Event {expectedSeq} is missing (the next stored event is {seq})."
                    : $"Events {expectedSeq} to {seq - 1} are missing (the next stored event is {seq}).");
        }

        if (row.Hash is not { Length: HistoryChain.HashLength } hash || row.PreviousHash is not { Length: HistoryChain.HashLength } linked)
        {
            return Fail(seq, HistoryBreakKind.Changed, $"Event {seq} has no hash.");
        }

        if (!HistoryChain.Link(linked, streamId, row.Event).AsSpan().SequenceEqual(hash))
        {
            return Fail(seq, HistoryBreakKind.Changed, $"Event {seq} does not match its hash: its fields or its hash were changed.");
        }

        if (!linked.AsSpan().SequenceEqual(previous))
        {
            return Fail(seq, HistoryBreakKind.BrokenLink, seq == 1
                ? "Event 1 does not chain from the genesis value."
                : $"Event {seq} does not chain from the hash of event {seq - 1}: event {seq - 1} was rewritten with a new hash, or this link was.");
        }

        previous = hash;
        expectedSeq++;
        return true;
    }

    /// <summary>After the last row: events the stream row counts but the history no longer holds were removed.</summary>
    public StreamVerification Complete(long streamLastSeq)
    {
        if (Break is null && streamLastSeq > LastSeq)
        {
            Fail(LastSeq + 1, HistoryBreakKind.Removed, streamLastSeq == LastSeq + 1
                ? $"Event {streamLastSeq} is missing (the stream's last event)."
                : $"Events {LastSeq + 1} to {streamLastSeq} are missing (the stream's last events).");
        }

        return new StreamVerification(streamId, Events, Break is null && LastSeq > 0 ? HistoryChain.ToHex(previous) : null, Break);
    }

    private bool Fail(long seq, HistoryBreakKind kind, string detail)
    {
        Break = new HistoryBreak(streamId, seq, kind, detail);
        return false;
    }
}
