namespace Workflow.Grains;

/// <summary><c>LandFlow:Projections</c>: how often projections look at the history feed and how much they take at once.</summary>
public sealed class ProjectionOptions
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public int BatchSize { get; set; } = 500;

    /// <summary>How often every silo makes sure each projection's grain is active somewhere.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(10);
}
