namespace Workflow.Storage.Sqlite;

/// <summary>Where the embedded store keeps its database and how hard it syncs to disk.</summary>
public sealed class SqliteStoreOptions
{
    private static readonly string[] SynchronousModes = ["OFF", "NORMAL", "FULL", "EXTRA"];

    /// <summary>Directory holding the database file; created when missing. Required.</summary>
    public string DataDirectory { get; set; } = "";

    public string FileName { get; set; } = "landflow.db";

    /// <summary>SQLite <c>synchronous</c> level of the writer: OFF, NORMAL, FULL or EXTRA.
    /// FULL (the default) is what makes an acknowledged commit survive power loss in WAL mode.</summary>
    public string Synchronous { get; set; } = "FULL";

    /// <summary>Most commits the writer folds into one transaction (one fsync).</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Told how far a long migration has come (the move of every stream's state to its snapshot), so a host
    /// can log it; null to say nothing.</summary>
    public Action<string>? MigrationProgress { get; set; }

    internal string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, FileName));

    /// <summary>Throws on values that would otherwise fail late, inside the writer.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new ArgumentException("SqliteStoreOptions.DataDirectory is required.", nameof(DataDirectory));
        }

        if (string.IsNullOrWhiteSpace(FileName))
        {
            throw new ArgumentException("SqliteStoreOptions.FileName is required.", nameof(FileName));
        }

        // The value is spliced into a PRAGMA, so only the known keywords may pass.
        if (!SynchronousModes.Contains(Synchronous, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"SqliteStoreOptions.Synchronous must be one of {string.Join(", ", SynchronousModes)}; got '{Synchronous}'.",
                nameof(Synchronous));
        }

        if (MaxBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, "MaxBatchSize must be at least 1.");
        }
    }

    /// <summary>A copy, so later changes to the caller's instance cannot reach a running store.</summary>
    internal SqliteStoreOptions Snapshot() => new()
    {
        DataDirectory = DataDirectory,
        FileName = FileName,
        Synchronous = Synchronous.ToUpperInvariant(),
        MaxBatchSize = MaxBatchSize,
        MigrationProgress = MigrationProgress,
    };
}
