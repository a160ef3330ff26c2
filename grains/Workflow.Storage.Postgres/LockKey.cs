namespace Workflow.Storage.Postgres;

/// <summary>
/// The first row a request locks: its table's rank, then its key in ordinal order. A batch runs its
/// requests sorted by this, so two silos' batches that touch the same rows lock them in the same
/// order and wait for each other instead of deadlocking.
/// </summary>
internal readonly record struct LockKey(int Table, string Key) : IComparable<LockKey>
{
    public const int Streams = 0;
    public const int Settings = 1;

    public int CompareTo(LockKey other)
    {
        var byTable = Table.CompareTo(other.Table);
        return byTable != 0 ? byTable : string.CompareOrdinal(Key, other.Key);
    }
}
