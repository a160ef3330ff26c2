using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Workflow.Domain;
using Workflow.Grains;
using Workflow.Storage;

namespace Workflow.Hosting;

/// <summary>
/// Writes the demo data into an empty store while the silo starts, before any grain can be called,
/// so no activation holds a stream it writes. Runs once per store: the <see cref="SeededKey"/>
/// setting, or any project already there, means there is nothing to do.
/// </summary>
public sealed class DemoDataSeeder(
    IAggregateStore store,
    IProjectIndex index,
    ISettingsStore settings,
    WorkflowEnvironment environment,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time,
    IOptions<DemoOptions> options,
    ILogger<DemoDataSeeder> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public const string SeededKey = "demo-seeded";

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DemoDataSeeder), ServiceLifecycleStage.ApplicationServices, SeedAsync);

    /// <summary>Seeds if enabled and the store is empty; returns whether it wrote anything.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (demo.Enabled != true
            || await settings.GetAsync(SeededKey, cancellationToken) is not null
            || (await index.QueryAsync(new ProjectQuery(PageSize: 1), cancellationToken)).Total > 0)
        {
            return false;
        }

        // Ledgers or counters without projects are someone's real data: leave them alone.
        foreach (var county in Counties.Huzhou)
        {
            if (await store.LoadAsync(QuotaStreams.Ledger(county.Code), cancellationToken) is not null
                || await store.LoadAsync(ProjectCodeStreams.For(county.Code), cancellationToken) is not null)
            {
                logger.LogWarning("Demo data not seeded: the store already holds quota or code streams of county {County}.", county.Code);
                return false;
            }
        }

        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow();
        var data = DemoDataGenerator.Generate(demo.Seed, now, environment);

        // All in flight at once, so the store's group commit writes them in a few transactions.
        await Task.WhenAll(data.Commits(now).Select(c => store.CommitAsync(c, cancellationToken)));
        await settings.SetAsync(SeededKey, demo.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        logger.LogInformation("Seeded demo data in {ElapsedMs:F0} ms, {Summary}.", Stopwatch.GetElapsedTime(started).TotalMilliseconds, data.Describe());
        return true;
    }
}
