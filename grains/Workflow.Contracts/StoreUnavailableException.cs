namespace Workflow.Contracts;

/// <summary>
/// The store could not do what was asked because of its infrastructure, not the request: the database cannot be
/// reached, refuses connections, is shutting down, timed out, or kept failing a transaction that may be retried.
/// Retrying later may succeed. Orleans carries it from a silo to its caller (a grain call or a failed activation)
/// and the gateway answers 503 with <c>Retry-After</c>. It holds no inner exception: the provider's own (a
/// <c>PostgresException</c>, a <c>SqliteException</c>) cannot be serialized, so its code and text are in the message.
/// </summary>
[GenerateSerializer, Alias("landflow.StoreUnavailableException")]
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string message, bool mayHaveCommitted)
        : base(message) => MayHaveCommitted = mayHaveCommitted;

    /// <summary>Whether a write may have become durable anyway: the connection failed while a commit was on its
    /// way. False when nothing was written (a read, or a failure before the commit was sent).</summary>
    [Id(0)]
    public bool MayHaveCommitted { get; private set; }
}
