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

    // Every active project keeps its last forecast, which names a pool per remaining step: the same few hundred
    // (step, pool, samples) records across all projects while the histograms stay, so one of each is kept for them.
    private volatile SharedPools pools = new(null);

    /// <summary>The histograms a forecast now draws from: the same instance for as long as they do not change.</summary>
    public Task<DwellSamples> SamplesAsync() => samples.GetAsync();

    public async Task<ProjectForecast?> ForecastAsync(ProjectState state, WorkflowTemplate template) =>
        Forecast(state, template, await samples.GetAsync());

    /// <summary>A function of the state, the day and the histograms alone (the simulation is seeded by the project's
    /// code), so a forecast made from the same three may be served again.</summary>
    public ProjectForecast? Forecast(ProjectState state, WorkflowTemplate template, DwellSamples histograms)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(histograms);
        var settings = new ForecastSettings(options.Value.Runs, options.Value.MinSamples);
        return forecaster.Forecast(state, template, histograms, time.GetUtcNow(), settings) is { } forecast
            ? ForecastGrain.View(forecast, histograms.AsOf, PoolsOf(histograms).Share)
            : null;
    }

    private SharedPools PoolsOf(DwellSamples histograms)
    {
        var current = pools;
        if (!ReferenceEquals(current.Samples, histograms))
        {
            pools = current = new SharedPools(histograms);
        }

        return current;
    }

    private sealed class SharedPools(DwellSamples? samples)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<ForecastPoolUsed, ForecastPoolUsed> records = new();

        public DwellSamples? Samples => samples;

        public ForecastPoolUsed Share(ForecastPoolUsed record) => records.GetOrAdd(record, record);
    }
}
