using Orleans.Concurrency;
using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains;

/// <summary>
/// Forecasts a project from the state its grain hands over: loads nothing but the silo's cached dwell histograms, calls
/// the domain's <see cref="ProcedureForecaster"/> and maps the result. Stateless, so the CPU of many status reads spreads
/// over the silo's cores.
/// </summary>
[StatelessWorker]
public sealed class ForecastGrain(WorkflowEnvironment environment, ProjectForecasts forecasts) : Grain, IForecastGrain
{
    public Task<ProjectForecast?> ForecastAsync(ForecastRequest request)
    {
        var state = DomainJson.Deserialize<ProjectState>(request.StateJson);
        return forecasts.ForecastAsync(state, environment.Templates.Get(state.TemplateId, state.TemplateVersion));
    }

    /// <param name="share">Gives the instance to keep of a pool record (equal ones shared between projects).</param>
    public static ProjectForecast View(ProcedureForecast forecast, DateTimeOffset? samplesAsOf, Func<ForecastPoolUsed, ForecastPoolUsed> share) => new(
        new ForecastStage(forecast.StageSteps, forecast.StageEndsBefore, forecast.Stage.Median, forecast.Stage.Percentile90),
        new Contracts.ForecastDates(forecast.Procedure.Median, forecast.Procedure.Percentile90),
        forecast.TargetDate,
        forecast.AtRisk,
        [.. forecast.Pools.Select(p => share(new ForecastPoolUsed(p.Step, ForecastPools.Name(p.Pool), p.Samples)))],
        forecast.Runs,
        forecast.AsOf,
        samplesAsOf);
}
