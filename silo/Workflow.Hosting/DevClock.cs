namespace Workflow.Hosting;

/// <summary>
/// Moves the platform's clock forward in development deployments (embedded, or a cluster with
/// <c>LandFlow:DevEndpoints=true</c>), so month-long procedures can be demonstrated and checked end to
/// end. Never moves it back.
/// </summary>
public interface IDevClockControl
{
    /// <summary>The platform's time now (in a cluster, the latest of its silos' clocks).</summary>
    Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken = default);

    /// <summary>Moves the clock to <paramref name="target"/> and returns once every deadline that fell
    /// due in between has fired. Throws <see cref="ArgumentOutOfRangeException"/> for an earlier instant.</summary>
    Task<DateTimeOffset> MoveToAsync(DateTimeOffset target, CancellationToken cancellationToken = default);
}
