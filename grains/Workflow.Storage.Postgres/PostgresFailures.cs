using Workflow.Contracts;
using System.Net.Sockets;
using Npgsql;

namespace Workflow.Storage.Postgres;

/// <summary>Tells the store's infrastructure failures from faults of the request or the code, and reports the
/// former as <see cref="StoreUnavailableException"/>.</summary>
internal static class PostgresFailures
{
    private const string QueryCanceled = "57014";

    /// <summary>
    /// PostgreSQL's own verdict (<see cref="NpgsqlException.IsTransient"/>: connection errors (08), too many
    /// connections and other lack of resources (53), admin or crash shutdown (57P01, 57P02), cannot connect now
    /// (57P03), serialization failures and deadlocks (40001, 40P01)) plus a statement timeout (57014), and on the
    /// client side a failed socket, a timeout, or a pool that stayed exhausted.
    /// </summary>
    public static bool IsInfrastructure(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient || postgres.SqlState == QueryCanceled,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or SocketException or TimeoutException,
        TimeoutException => true,
        _ => false,
    };

    /// <summary>An infrastructure failure as a <see cref="StoreUnavailableException"/>; anything else as it is.</summary>
    public static Exception Translate(Exception exception, bool mayHaveCommitted) =>
        exception is not StoreUnavailableException && IsInfrastructure(exception)
            ? new StoreUnavailableException(Describe(exception), mayHaveCommitted)
            : exception;

    /// <summary>Runs a store operation that writes nothing, reporting an infrastructure failure as such.</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not StoreUnavailableException && IsInfrastructure(exception))
        {
            throw Translate(exception, mayHaveCommitted: false);
        }
    }

    private static string Describe(Exception exception) => exception is PostgresException postgres
        ? $"The PostgreSQL store is unavailable (SQLSTATE {postgres.SqlState}): {postgres.MessageText}"
        : $"The PostgreSQL store is unavailable: {exception.Message}";
}
