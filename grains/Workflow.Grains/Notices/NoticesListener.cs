using Workflow.Projections;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>The fast path of live notices: on the silo running the notices projection, each applied batch wakes that
/// silo's waiting inboxes at once instead of at the watcher's next poll.</summary>
public sealed class NoticesListener(NoticeWatcher watcher) : IProjectionListener
{
    public string Projection => NoticesProjection.ProjectionName;

    public Task AfterAppliedAsync(IReadOnlyList<FeedEvent> events)
    {
        watcher.Nudge();
        return Task.CompletedTask;
    }
}
