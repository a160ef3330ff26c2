using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains;

/// <summary>
/// A project's forecast from its state, on the calling thread: the silo's cached dwell histograms and the domain's
/// <see cref="ProcedureForecaster"/>. The project grain calls it on a status read with the state it holds, so a read
/// does not serialize the whole state to JSON, hop to another grain and parse it back (those were most of what a
/// read allocated). Reads of different projects already run on all cores, one grain each.
/// </summary>
public sealed class ProjectForecasts(
    WorkflowEnvironment environment,
    DwellSampleCache samples,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time,
    IOptions<ForecastOptions> options)
{
    private readonly ProcedureForecaster forecaster = new(environment);

    public async Task<ProjectForecast?> ForecastAsync(ProjectState state, WorkflowTemplate template)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(template);
        var histograms = await samples.GetAsync();
        var settings = new ForecastSettings(options.Value.Runs, options.Value.MinSamples);
        return forecaster.Forecast(state, template, histograms, time.GetUtcNow(), settings) is { } forecast
            ? ForecastGrain.View(forecast, histograms.AsOf)
            : null;
    }
}
