using Workflow.Storage;

namespace Workflow.Projections;

/// <summary>Where a projection stands: its checkpoint, how many events it has applied since its last rebuild, how many
/// wait in the feed after it, and when it last advanced (UTC ticks of the injected clock; 0 never).</summary>
public sealed record ProjectionProgress(string Name, FeedPosition Checkpoint, long Applied, long Remaining, long UpdatedAtUtcTicks);
