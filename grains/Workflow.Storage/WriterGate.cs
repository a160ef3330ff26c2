namespace Workflow.Storage;

/// <summary>An awaitable open/closed switch the writer passes before each batch; closed only by tests.</summary>
internal sealed class WriterGate
{
    private TaskCompletionSource opened = NewOpened();

    public Task WaitAsync() => Volatile.Read(ref opened).Task;

    /// <summary>Closes the gate until the returned handle is disposed (or <see cref="Open"/> is called).</summary>
    public IDisposable Close()
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref opened, closed);
        return new Handle(this);
    }

    public void Open() => Volatile.Read(ref opened).TrySetResult();

    private static TaskCompletionSource NewOpened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private sealed class Handle(WriterGate gate) : IDisposable
    {
        public void Dispose() => gate.Open();
    }
}
