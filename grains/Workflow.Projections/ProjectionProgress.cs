using Workflow.Storage;

namespace Workflow.Projections;

/// <summary>Where a projection stands: its checkpoint, how many events it has applied since its last rebuild, how many
/// wait in the feed after it, and when it last advanced (UTC ticks of the injected clock; 0 never).</summary>
public sealed record ProjectionProgress(string Name, FeedPosition Checkpoint, long Applied, long Remaining, long UpdatedAtUtcTicks)
{
    /// <summary>"[##########....................]  33%  1,000/3,000 events": the rebuild command's bar, and a silo's log
    /// line while it rebuilds a read model of an older version.</summary>
    public string Bar(int width = 30)
    {
        var total = Applied + Remaining;
        var share = total == 0 ? 1d : (double)Applied / total;
        var filled = (int)Math.Round(share * width);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', width - filled)}] {share,4:P0}  {Applied:N0}/{total:N0} events");
    }
}
