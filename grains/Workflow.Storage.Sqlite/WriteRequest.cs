namespace Workflow.Storage.Sqlite;

/// <summary>One unit of work queued for the writer; its caller awaits <see cref="Completion"/>.</summary>
internal abstract class WriteRequest(CancellationToken cancellationToken)
{
    // Continuations must not run on the writer thread, or one slow caller would stall every batch.
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Honoured only until the writer picks the request up; after that it is written or failed.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public Task Completion => completion.Task;

    /// <summary>Project index rows this request writes; drives the planner-statistics refresh.</summary>
    public virtual int IndexWrites => 0;

    /// <summary>Runs the request's statements inside the batch's transaction and its own savepoint.</summary>
    public abstract void Apply(WriterStatements statements);

    public void Succeed() => completion.TrySetResult();

    public void Fail(Exception exception) => completion.TrySetException(exception);

    public void Cancel() => completion.TrySetCanceled(CancellationToken);
}
