namespace Workflow.Domain;

/// <summary>
/// One page of a project's history, as asked for: oldest first from after <see cref="Cursor"/> (a seq; from the
/// start when null), or newest first from before it (from the newest when null); at most <see cref="Limit"/>
/// events and <see cref="InputLimits.MaxHistoryPageBytes"/> of reasons and facts.
/// </summary>
public sealed record HistoryPage(long? Cursor, bool NewestFirst, int Limit)
{
    /// <summary>The first page, oldest first, of the default size.</summary>
    public static HistoryPage First { get; } = new(null, false, InputLimits.DefaultHistoryLimit);

    /// <summary>Validates what a caller sent: <paramref name="after"/> goes with oldest first,
    /// <paramref name="before"/> with newest first; a missing limit is the default.</summary>
    public static HistoryPage? Create(long? after, long? before, int? limit, bool newestFirst, out Refusal? refusal)
    {
        refusal = null;
        if (limit is < 1 or > InputLimits.MaxHistoryLimit)
        {
            refusal = Refusal.Invalid(Rules.LimitOutOfRange, $"limit runs from 1 to {InputLimits.MaxHistoryLimit} (default {InputLimits.DefaultHistoryLimit}).");
            return null;
        }

        if (newestFirst ? after is not null : before is not null)
        {
            refusal = Refusal.Invalid(Rules.InvalidCursor, newestFirst
                ? "Newest first pages continue with before=<next>, not after."
                : "Oldest first pages continue with after=<next>, not before (ask order=desc for newest first).");
            return null;
        }

        var cursor = newestFirst ? before : after;
        if (cursor is < 0)
        {
            refusal = Refusal.Invalid(Rules.InvalidCursor, "A cursor is the seq of an event: 0 or more.");
            return null;
        }

        return new HistoryPage(cursor, newestFirst, limit ?? InputLimits.DefaultHistoryLimit);
    }
}
