namespace Workflow.Domain;

/// <summary>Which visits a step's durations are drawn from: the same step in the project's county, the same step in every
/// county, or (with fewer than the minimum samples in both) the prior from the step's statutory time limit.</summary>
public enum ForecastPool
{
    County,
    AllCounties,
    Prior,
}

public static class ForecastPools
{
    public static string Name(ForecastPool pool) => pool switch
    {
        ForecastPool.County => "county",
        ForecastPool.AllCounties => "all-counties",
        _ => "prior",
    };
}

/// <summary>How many runs a forecast makes and how many samples a pool needs before it is trusted.</summary>
public sealed record ForecastSettings(int Runs = 2000, int MinSamples = 30)
{
    public static ForecastSettings Default { get; } = new();
}
