using Npgsql;

namespace Workflow.Storage.Postgres;

/// <summary>One unit of work queued for the writer; its caller awaits <see cref="QueuedWrite.Completion"/>.</summary>
internal abstract class WriteRequest(CancellationToken cancellationToken) : QueuedWrite(cancellationToken)
{
    /// <summary>The row this request locks first; a batch runs its requests in this order.</summary>
    public abstract LockKey LockKey { get; }

    /// <summary>Adds the request's statements, or rows, to the batch.</summary>
    public abstract void AppendTo(WriteBatch batch);

    /// <summary>What the caller is told when one of this request's own statements fails.</summary>
    public virtual Exception Translate(PostgresException exception, bool isVersionCheck) => exception;

    protected static NpgsqlParameter<T> Value<T>(T value) => new() { TypedValue = value };
}
