namespace Workflow.Storage.Sqlite.Tests;

/// <summary>A fresh temporary data directory per test, removed afterwards.</summary>
internal sealed class SqliteTestDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(
        System.IO.Path.GetTempPath(), "landflow-sqlite-tests", Guid.NewGuid().ToString("N"));

    public SqliteStore CreateStore(Action<SqliteStoreOptions>? configure = null)
    {
        var options = new SqliteStoreOptions { DataDirectory = Path };
        configure?.Invoke(options);
        return new SqliteStore(options);
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
