namespace Workflow.Storage;

/// <summary>One unit of work queued for a store's writer; its caller awaits <see cref="Completion"/>.</summary>
public abstract class QueuedWrite(CancellationToken cancellationToken)
{
    // Continuations must not run on the writer, or one slow caller would stall every batch.
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Honoured only until the writer picks the request up; after that it is written or failed.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public Task Completion => completion.Task;

    public void Succeed() => completion.TrySetResult();

    public void Fail(Exception exception) => completion.TrySetException(exception);

    public void Cancel() => completion.TrySetCanceled(CancellationToken);
}
