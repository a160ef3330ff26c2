namespace Workflow.Hosting;

/// <summary>
/// Moves the platform's clock forward in embedded/development mode, so month-long procedures can be
/// demonstrated and checked end to end. Never moves it back.
/// </summary>
public interface IDevClockControl
{
    DateTimeOffset Now { get; }

    /// <summary>Moves the clock to <paramref name="target"/> and returns once every deadline that fell
    /// due in between has fired. Throws <see cref="ArgumentOutOfRangeException"/> for an earlier instant.</summary>
    Task<DateTimeOffset> MoveToAsync(DateTimeOffset target, CancellationToken cancellationToken = default);
}
