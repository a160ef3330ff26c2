namespace Workflow.Contracts;

/// <summary>
/// Runs one projection of the history (key: its name, "analytics", "notices") on whichever silo holds it: polls the
/// history feed and applies what is new. Every silo keeps it activated, so losing its silo only moves it.
/// </summary>
public interface IProjectionGrain : IGrainWithStringKey
{
    Task<ProjectionStatus> StatusAsync();

    /// <summary>Returns once every event committed before the call is applied (tests and the rebuild wait on this).</summary>
    Task<ProjectionStatus> CatchUpAsync();

    /// <summary>Activates the grain if it is not (the silos' keep-alive).</summary>
    Task PingAsync();
}

/// <summary>A projection's checkpoint (<c>Tx</c>:<c>Position</c> in the feed), events applied since its last rebuild,
/// events waiting after it, and when it last advanced.</summary>
[GenerateSerializer, Immutable, Alias("landflow.ProjectionStatus")]
public sealed record ProjectionStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] long Tx,
    [property: Id(2)] long Position,
    [property: Id(3)] long Applied,
    [property: Id(4)] long Remaining,
    [property: Id(5)] DateTimeOffset? UpdatedAt);
