namespace Workflow.Projections;

/// <summary>Told by a <see cref="ProjectionRunner"/> when it finds its read model built by another version of its
/// projection, empties it and replays the history (a silo logs it, with the rebuild command's progress bar).</summary>
public interface IProjectionRebuildLog
{
    /// <summary>The read model was emptied; <paramref name="events"/> wait to be replayed.</summary>
    void Started(string projection, int storedVersion, int version, long events);

    /// <summary>Another tenth of the replay is applied.</summary>
    void Progressed(ProjectionProgress progress);

    /// <summary>Every event that was in the history when the rebuild started is applied.</summary>
    void Finished(ProjectionProgress progress);
}
