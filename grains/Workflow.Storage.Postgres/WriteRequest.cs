using Npgsql;

namespace Workflow.Storage.Postgres;

/// <summary>One unit of work queued for the writer; its caller awaits <see cref="Completion"/>.</summary>
internal abstract class WriteRequest(CancellationToken cancellationToken)
{
    // Continuations must not run on the writer loop, or one slow caller would stall every batch.
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Honoured only until the writer picks the request up; after that it is written or failed.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public Task Completion => completion.Task;

    /// <summary>The row this request locks first; a batch runs its requests in this order.</summary>
    public abstract LockKey LockKey { get; }

    /// <summary>Adds the request's statements, or rows, to the batch.</summary>
    public abstract void AppendTo(WriteBatch batch);

    /// <summary>What the caller is told when one of this request's own statements fails.</summary>
    public virtual Exception Translate(PostgresException exception, bool isVersionCheck) => exception;

    public void Succeed() => completion.TrySetResult();

    public void Fail(Exception exception) => completion.TrySetException(exception);

    public void Cancel() => completion.TrySetCanceled(CancellationToken);

    protected static NpgsqlParameter<T> Value<T>(T value) => new() { TypedValue = value };
}
