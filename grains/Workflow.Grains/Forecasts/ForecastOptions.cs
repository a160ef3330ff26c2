namespace Workflow.Grains;

/// <summary><c>LandFlow:Forecast:*</c>: how forecasts are run (docs/forecasts.md).</summary>
public sealed class ForecastOptions
{
    /// <summary>Monte Carlo runs per forecast.</summary>
    public int Runs { get; set; } = 2000;

    /// <summary>Completed visits a pool needs before its durations are used; thinner pools fall back to wider ones.</summary>
    public int MinSamples { get; set; } = 30;

    /// <summary>The dwell histograms are read again at most this often (seconds); a project's cached forecast is made
    /// again only when they, its state or the day change.</summary>
    public int RefreshSeconds { get; set; } = 60;

    public TimeSpan Refresh => TimeSpan.FromSeconds(Math.Max(1, RefreshSeconds));
}
