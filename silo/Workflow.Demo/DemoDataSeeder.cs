using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Workflow.Domain;
using Workflow.Grains;
using Workflow.Storage;

namespace Workflow.Demo;

/// <summary>
/// Writes the demo data into an empty store while the silo starts, before any grain can be called,
/// so no activation holds a stream it writes. Runs once per store: the <see cref="SeededKey"/>
/// setting, or any project already there, means there is nothing to do. Silos that start together on one
/// store race for a claim (the <see cref="ClaimStream"/> stream, created with expected version 0, which the
/// store's version check lets only one of them create); the winner seeds, the others wait until it is done.
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

    /// <summary>The stream whose creation claims the seeding for one silo.</summary>
    public const string ClaimStream = "demo-seed-claim";

    /// <summary>How long a silo that lost the claim waits for the winner to finish; a claim older than this is
    /// taken for one whose silo died while seeding, and nobody waits for it.</summary>
    public static readonly TimeSpan ClaimWait = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan ClaimPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>What this silo's start did about the demo data.</summary>
    public DemoSeedOutcome Outcome { get; private set; } = DemoSeedOutcome.NotRun;

    /// <summary>How many commits this silo wrote when it seeded (0 otherwise).</summary>
    public int CommitsWritten { get; private set; }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DemoDataSeeder), ServiceLifecycleStage.ApplicationServices, SeedAsync);

    /// <summary>Seeds if enabled and the store is empty; returns whether it wrote anything.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (demo.Enabled != true)
        {
            Outcome = DemoSeedOutcome.Disabled;
            return false;
        }

        if (await settings.GetAsync(SeededKey, cancellationToken) is not null
            || (await index.QueryAsync(new ProjectQuery(PageSize: 1), cancellationToken)).Total > 0)
        {
            Outcome = DemoSeedOutcome.AlreadyThere;
            return false;
        }

        // Ledgers or counters without projects are someone's real data: leave them alone.
        foreach (var county in Counties.Huzhou)
        {
            if (await store.LoadAsync(QuotaStreams.Ledger(county.Code), cancellationToken) is not null
                || await store.LoadAsync(ProjectCodeStreams.For(county.Code), cancellationToken) is not null)
            {
                logger.LogWarning("Demo data not seeded: the store already holds quota or code streams of county {County}.", county.Code);
                Outcome = DemoSeedOutcome.AlreadyThere;
                return false;
            }
        }

        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow();
        if (!await ClaimAsync(now, demo.Seed, cancellationToken))
        {
            await WaitForClaimantAsync(cancellationToken);
            Outcome = DemoSeedOutcome.SeededByAnother;
            return false;
        }

        var data = DemoDataGenerator.Generate(demo.Seed, now, environment);

        // All in flight at once, so the store's group commit writes them in a few transactions.
        var commits = data.Commits(now).ToList();
        await Task.WhenAll(commits.Select(c => store.CommitAsync(c, cancellationToken)));
        await settings.SetAsync(SeededKey, demo.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        CommitsWritten = commits.Count;
        Outcome = DemoSeedOutcome.Seeded;
        logger.LogInformation("Seeded demo data in {ElapsedMs:F0} ms, {Summary}.", Stopwatch.GetElapsedTime(started).TotalMilliseconds, data.Describe());
        return true;
    }

    /// <summary>Creates the claim stream; false when another silo created it first.</summary>
    private async Task<bool> ClaimAsync(DateTimeOffset now, int seed, CancellationToken cancellationToken)
    {
        var claim = new DemoSeedClaim(now, seed);
        try
        {
            await store.CommitAsync(new AggregateCommit(ClaimStream, 0, System.Text.Json.JsonSerializer.Serialize(claim), []), cancellationToken);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    /// <summary>Waits until the silo that won the claim has seeded, unless its claim is too old to still be running.</summary>
    private async Task WaitForClaimantAsync(CancellationToken cancellationToken)
    {
        var claimed = await store.LoadAsync(ClaimStream, cancellationToken);
        var claim = claimed is null ? null : System.Text.Json.JsonSerializer.Deserialize<DemoSeedClaim>(claimed.StateJson);
        var deadline = (claim?.ClaimedAt ?? time.GetUtcNow()) + ClaimWait;
        while (await settings.GetAsync(SeededKey, cancellationToken) is null)
        {
            if (time.GetUtcNow() >= deadline)
            {
                logger.LogWarning("Demo data: another silo claimed the seeding at {ClaimedAt} and has not finished; starting without waiting.", claim?.ClaimedAt);
                return;
            }

            await Task.Delay(ClaimPoll, time, cancellationToken);
        }

        logger.LogInformation("Demo data seeded by another silo (claimed at {ClaimedAt}).", claim?.ClaimedAt);
    }

    private sealed record DemoSeedClaim(DateTimeOffset ClaimedAt, int Seed);
}

/// <summary>What a silo's start did about the demo data.</summary>
public enum DemoSeedOutcome
{
    NotRun,
    Disabled,

    /// <summary>The store already held the demo data or real data.</summary>
    AlreadyThere,

    /// <summary>This silo wrote the demo data.</summary>
    Seeded,

    /// <summary>Another silo starting on the same store claimed the seeding; this one waited for it.</summary>
    SeededByAnother,
}
