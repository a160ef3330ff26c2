namespace Workflow.Projections;

/// <summary>
/// A read model fed from the history feed. The runner hands it the events in feed order, inside the transaction that
/// also advances its checkpoint, so each event is applied exactly once however often runners restart or race.
/// </summary>
public interface IProjection
{
    /// <summary>Its name: the checkpoint's key, the rebuild command's argument ("analytics", "notices").</summary>
    string Name { get; }

    /// <summary>The version of its fold and tables, stored with its checkpoint. Raise it whenever a change makes what it
    /// wrote before wrong or incomplete: a runner finding its read model built by an older version empties it and
    /// replays the history. (Defaults to 1 so a projection that never changed need not say.)</summary>
    int Version => 1;

    /// <summary>Idempotent DDL (CREATE TABLE IF NOT EXISTS ...) for the SQLite read-model file. On PostgreSQL the same
    /// tables come from the store's migrations, since the silos' role may not create tables.</summary>
    string SqliteSchema { get; }

    /// <summary>Its tables, emptied in this order by a rebuild.</summary>
    IReadOnlyList<string> Tables { get; }

    /// <summary>Folds the batch's events into the tables, on the batch's connection and transaction.</summary>
    Task ApplyAsync(ProjectionBatch batch, CancellationToken cancellationToken);
}
