using Workflow.Contracts;
using Microsoft.Data.Sqlite;

namespace Workflow.Storage.Sqlite;

/// <summary>Tells the store's infrastructure failures from faults of the request or the code, and reports the
/// former as <see cref="StoreUnavailableException"/>.</summary>
internal static class SqliteFailures
{
    // Primary result codes (the low byte of an extended code): the database is busy or locked by another
    // connection past the busy timeout, memory ran out, the file cannot be written, read or opened, the disk is
    // full, or the locking protocol failed. Corruption and constraint errors are not among them: retrying does
    // not help those.
    private static readonly int[] InfrastructureCodes =
    [
        5, // SQLITE_BUSY
        6, // SQLITE_LOCKED
        7, // SQLITE_NOMEM
        8, // SQLITE_READONLY
        10, // SQLITE_IOERR
        13, // SQLITE_FULL
        14, // SQLITE_CANTOPEN
        15, // SQLITE_PROTOCOL
    ];

    public static bool IsInfrastructure(Exception exception) =>
        exception is SqliteException sqlite && InfrastructureCodes.Contains(sqlite.SqliteErrorCode & 0xFF);

    /// <summary>An infrastructure failure as a <see cref="StoreUnavailableException"/>; anything else as it is.</summary>
    public static Exception Translate(Exception exception, bool mayHaveCommitted) =>
        exception is SqliteException sqlite && IsInfrastructure(exception)
            ? new StoreUnavailableException(
                $"The SQLite store is unavailable (SQLite error {sqlite.SqliteErrorCode}): {sqlite.Message}", mayHaveCommitted)
            : exception;

    /// <summary>Runs a store operation that writes nothing, reporting an infrastructure failure as such.</summary>
    public static T Guard<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (SqliteException exception) when (IsInfrastructure(exception))
        {
            throw Translate(exception, mayHaveCommitted: false);
        }
    }
}
