namespace Workflow.Contracts;

/// <summary>
/// Forecasts of when active projects finish (issue 11): Monte Carlo over the template's graph from observed dwell
/// histograms (docs/forecasts.md). Stateless: any silo answers, sharing that silo's cached histograms. Called by the
/// project grain with its own state, so a status read never calls back into the project.
/// </summary>
public interface IForecastGrain : IGrainWithIntegerKey
{
    /// <summary>The forecast of the project whose stored state is <see cref="ForecastRequest.StateJson"/>; null when it is
    /// closed. Silo-internal: the gateway never sends a state.</summary>
    Task<ProjectForecast?> ForecastAsync(ForecastRequest request);
}

/// <summary>A project's state as its grain stores it (JSON), with the version it is at.</summary>
[GenerateSerializer, Immutable, Alias("landflow.ForecastRequest")]
public sealed record ForecastRequest(
    [property: Id(0)] string Code,
    [property: Id(1)] long Version,
    [property: Id(2)] string StateJson);

/// <summary>A median and a 90th percentile, as dates on the working calendar.</summary>
[GenerateSerializer, Immutable, Alias("landflow.ForecastDates")]
public sealed record ForecastDates(
    [property: Id(0)] DateOnly Median,
    [property: Id(1)] DateOnly P90);

/// <summary>The current stage: the steps open now, and the steps that need all of them, whose becoming ready ends it
/// (empty: the stage runs to the end of the procedure).</summary>
[GenerateSerializer, Immutable, Alias("landflow.ForecastStage")]
public sealed record ForecastStage(
    [property: Id(0)] IReadOnlyList<string> Steps,
    [property: Id(1)] IReadOnlyList<string> EndsBefore,
    [property: Id(2)] DateOnly Median,
    [property: Id(3)] DateOnly P90);

/// <summary>Where a remaining step's durations were drawn from: <c>county</c> (the same step in the project's county),
/// <c>all-counties</c>, or <c>prior</c> (from its statutory time limit); <c>Samples</c>: completed visits in that pool.</summary>
[GenerateSerializer, Immutable, Alias("landflow.ForecastPoolUsed")]
public sealed record ForecastPoolUsed(
    [property: Id(0)] string Step,
    [property: Id(1)] string Pool,
    [property: Id(2)] int Samples);

/// <summary>When the project should finish its current stage and the whole procedure; <c>AtRisk</c> when the procedure's
/// 90th percentile passes <c>TargetDate</c>. <c>AsOf</c> is the day forecast from, <c>SamplesAsOf</c> when the dwell
/// histograms were read.</summary>
[GenerateSerializer, Immutable, Alias("landflow.ProjectForecast")]
public sealed record ProjectForecast(
    [property: Id(0)] ForecastStage Stage,
    [property: Id(1)] ForecastDates Procedure,
    [property: Id(2)] DateOnly? TargetDate,
    [property: Id(3)] bool AtRisk,
    [property: Id(4)] IReadOnlyList<ForecastPoolUsed> Pools,
    [property: Id(5)] int Runs,
    [property: Id(6)] DateOnly AsOf,
    [property: Id(7)] DateTimeOffset? SamplesAsOf);
