namespace Workflow.Storage.Sqlite;

/// <summary>One unit of work queued for the writer; its caller awaits <see cref="QueuedWrite.Completion"/>.</summary>
internal abstract class WriteRequest(CancellationToken cancellationToken) : QueuedWrite(cancellationToken)
{
    /// <summary>Project index rows this request writes; drives the planner-statistics refresh.</summary>
    public virtual int IndexWrites => 0;

    /// <summary>Runs the request's statements inside the batch's transaction and its own savepoint.</summary>
    public abstract void Apply(WriterStatements statements);
}
