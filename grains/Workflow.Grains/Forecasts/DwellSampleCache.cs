using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Domain;

namespace Workflow.Grains;

/// <summary>
/// The dwell histograms every forecast grain activation on this silo draws from, read from the source at most once per
/// <see cref="ForecastOptions.RefreshSeconds"/>: a forecast per status read must not cost a read-model query. A failed
/// read keeps the histograms it had (or none: every step then uses its prior) and is tried again after the same interval.
/// </summary>
public sealed class DwellSampleCache(
    IDwellSampleSource source,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time,
    IOptions<ForecastOptions> options,
    ILogger<DwellSampleCache> logger)
{
    private readonly SemaphoreSlim reading = new(1, 1);
    private DwellSamples samples = DwellSamples.Empty;
    private DateTimeOffset? readAt;

    public async Task<DwellSamples> GetAsync(CancellationToken cancellationToken = default)
    {
        if (Fresh())
        {
            return samples;
        }

        await reading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh())
            {
                return samples;
            }

            try
            {
                // Unchanged histograms keep the instance (and its AsOf: when these histograms were first read): project
                // grains reuse a forecast made from the same instance, so a status read does not run the simulation
                // again merely because the interval passed.
                var loaded = await source.LoadAsync(cancellationToken);
                if (readAt is null || !loaded.SameHistogramsAs(samples))
                {
                    samples = loaded;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Dwell histograms could not be read; forecasts keep the ones read before.");
            }

            readAt = time.GetUtcNow();
            return samples;
        }
        finally
        {
            reading.Release();
        }
    }

    // The workflow clock may jump (the dev clock): a read "in the future" is as stale as an old one.
    private bool Fresh() => readAt is { } at && time.GetUtcNow() - at is var age && age >= TimeSpan.Zero && age < options.Value.Refresh;
}
