namespace Workflow.Benchmarks;

/// <summary>A child process's console output, kept in a file; lines that arrive after closing are dropped.</summary>
public sealed class ProcessLog(string path)
{
    private readonly Lock gate = new();
    private StreamWriter? writer = new(path, append: true);

    public void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            writer?.WriteLine(line);
        }
    }

    public void Close()
    {
        lock (gate)
        {
            writer?.Dispose();
            writer = null;
        }
    }
}
