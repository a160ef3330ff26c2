using System.Data.Common;

namespace Workflow.Storage;

/// <summary>
/// A place in the history feed, the commit order of every stream's events. SQLite has one writer, so its commit order
/// is one counter (<see cref="Tx"/> is 0). PostgreSQL commits from several silos at once: <see cref="Tx"/> is the
/// writing transaction's id and the feed is read only below the oldest transaction still running, so an event that
/// commits later can never land behind a position already read.
/// </summary>
public readonly record struct FeedPosition(long Tx, long Position) : IComparable<FeedPosition>
{
    /// <summary>Before the first event.</summary>
    public static FeedPosition Start => default;

    public int CompareTo(FeedPosition other) =>
        Tx != other.Tx ? Tx.CompareTo(other.Tx) : Position.CompareTo(other.Position);

    public static bool operator <(FeedPosition left, FeedPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(FeedPosition left, FeedPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(FeedPosition left, FeedPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(FeedPosition left, FeedPosition right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Tx}:{Position}";
}

/// <summary>One committed event and where it stands in the feed.</summary>
public sealed record FeedEvent(FeedPosition Position, string StreamId, StoredEvent Event);

/// <summary>Every stream's committed events in commit order: what projections (analytics, notices) are fed from.</summary>
public interface IHistoryFeed
{
    /// <summary>Events committed after <paramref name="after"/>, in feed order, at most <paramref name="max"/>. An event
    /// not returned yet always comes after the last one returned.</summary>
    Task<IReadOnlyList<FeedEvent>> ReadAsync(FeedPosition after, int max, CancellationToken cancellationToken = default);

    /// <summary>How many committed events stand in the feed after <paramref name="after"/>, including those
    /// <see cref="ReadAsync"/> still holds back behind a transaction that has not ended (for progress and catching up).</summary>
    Task<long> CountAfterAsync(FeedPosition after, CancellationToken cancellationToken = default);
}

public enum SqlDialect
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where read models (projections of the history) keep their tables. SQLite keeps them in a file of their own beside the
/// store, so projecting never waits on the group-commit writer; PostgreSQL keeps them in the store's schema, where
/// migrations create them.
/// </summary>
public interface IReadModelDatabase
{
    SqlDialect Dialect { get; }

    /// <summary>An open connection, ready for portable SQL with <c>@name</c> parameters.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);
}
