namespace Workflow.Domain;

/// <summary>A median and a 90th percentile, as days on the working calendar.</summary>
public sealed record ForecastDates(DateOnly Median, DateOnly Percentile90);

/// <summary>Where one step's durations came from and how many visits that pool holds (0 for the prior).</summary>
public sealed record StepPoolChoice(string Step, ForecastPool Pool, int Samples);

/// <summary>
/// When an active project should finish its current stage and its whole procedure, from <see cref="Runs"/> Monte Carlo
/// runs over its template's graph. The current stage is the steps open now (<see cref="StageSteps"/>), and it ends when
/// the project may begin the first steps that need every one of them (<see cref="StageEndsBefore"/>: the filing after the
/// groundwork and the quota); with nothing after it, it ends with the procedure.
/// </summary>
public sealed record ProcedureForecast(
    DateOnly AsOf,
    int Runs,
    IReadOnlyList<string> StageSteps,
    IReadOnlyList<string> StageEndsBefore,
    ForecastDates Stage,
    ForecastDates Procedure,
    DateOnly? TargetDate,
    bool AtRisk,
    IReadOnlyList<StepPoolChoice> Pools);
