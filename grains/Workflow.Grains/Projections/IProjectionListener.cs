using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>
/// Told, on the silo running a projection, what each batch just applied (for example to wake inboxes waiting for
/// notices). Best effort: a listener that fails or a silo lost before it runs loses nothing, because readers go back to
/// the projection's tables.
/// </summary>
public interface IProjectionListener
{
    /// <summary>The projection this listener follows.</summary>
    string Projection { get; }

    Task AfterAppliedAsync(IReadOnlyList<FeedEvent> events);
}
