using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Grains;

namespace Workflow.Demo;

/// <summary>
/// Writes the demo data into an empty store through the grains, as a startup task: once the silo is active it plans
/// the data set (<see cref="DemoDataGenerator"/>) and imports it the way recorded history is imported from paper: the
/// county ledgers take their deposits, the registrar registers each project (the code allocator numbering it), and each
/// project's grain replays its acts at their instants, reserving, consuming and releasing quota on the ledger grains.
/// Runs once per store: the <see cref="SeededKey"/> mark, any project or any stocked pool already there, means there is
/// nothing to do. Silos that start together race for the claim (<see cref="IStoreOnceGrain"/>); the winner seeds, the
/// others wait until it is done.
/// </summary>
public sealed class DemoDataSeeder(
    IGrainFactory grains,
    WorkflowEnvironment environment,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time,
    IOptions<DemoOptions> options,
    ILocalSiloDetails silo,
    ILogger<DemoDataSeeder> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The mark of a seeded store (a setting; its value is the seed).</summary>
    public const string SeededKey = "demo-seeded";

    /// <summary>How long a silo that lost the claim waits for the winner to finish; a claim older than this is
    /// taken for one whose silo died while seeding, and nobody waits for it.</summary>
    public static readonly TimeSpan ClaimWait = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan ClaimPoll = TimeSpan.FromMilliseconds(200);

    private static readonly ActorInfo Admin = new(DemoCast.Admin.Id, DemoCast.Admin.Role);

    /// <summary>What this silo's start did about the demo data.</summary>
    public DemoSeedOutcome Outcome { get; private set; } = DemoSeedOutcome.NotRun;

    /// <summary>How many streams this silo's seeding created (projects, ledgers, code counters; 0 unless it seeded).</summary>
    public int StreamsWritten { get; private set; }

    /// <summary>How long this silo's seeding took, planning included.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>At the stage a startup task (<c>AddStartupTask</c>) runs: the silo is active, so grains can be called.</summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DemoDataSeeder), ServiceLifecycleStage.Active, SeedAsync);

    /// <summary>Seeds if enabled and the store is empty; returns whether it wrote anything.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (demo.Enabled != true)
        {
            Outcome = DemoSeedOutcome.Disabled;
            return false;
        }

        var once = grains.GetGrain<IStoreOnceGrain>(SeededKey);
        var state = await once.GetAsync();
        // Data with no claim is someone's; data written since a claim is another silo's seeding under way, which this
        // one waits for. The claim is made before anything is written, so looking again after the data closes the gap.
        if (state.Value is not null
            || (state.ClaimedAt is null && await HoldsDataAsync() && (await once.GetAsync()).ClaimedAt is null))
        {
            Outcome = DemoSeedOutcome.AlreadyThere;
            return false;
        }

        var started = Stopwatch.GetTimestamp();
        if (!await once.ClaimAsync(silo.SiloAddress.ToParsableString()))
        {
            await WaitForClaimantAsync(once, cancellationToken);
            Outcome = DemoSeedOutcome.SeededByAnother;
            return false;
        }

        var data = DemoDataGenerator.Generate(demo.Seed, time.GetUtcNow(), environment);
        var planned = Stopwatch.GetElapsedTime(started);
        Phases = $"planned {planned.TotalMilliseconds:F0} ms; ";
        StreamsWritten = await WriteAsync(data);
        await once.CompleteAsync(demo.Seed.ToString(CultureInfo.InvariantCulture));
        Outcome = DemoSeedOutcome.Seeded;
        Elapsed = Stopwatch.GetElapsedTime(started);
        logger.LogInformation("Seeded demo data through the grains in {ElapsedMs:F0} ms ({Phases}), {Summary}.",
            Elapsed.TotalMilliseconds, Phases, data.Describe());
        return true;
    }

    /// <summary>Projects or stocked pools are someone's real data: leave them alone.</summary>
    private async Task<bool> HoldsDataAsync()
    {
        var projects = await grains.GetGrain<IProjectCatalogGrain>(0).QueryAsync(new ProjectListQuery(null, null, null, null, null, 1, 1), Admin);
        if (projects.List is { Total: > 0 })
        {
            return true;
        }

        foreach (var county in Counties.Huzhou)
        {
            if ((await grains.GetGrain<IQuotaLedgerGrain>(county.Code).GetAsync(ActorInfos.System)).Ledger is { Lots.Count: > 0 })
            {
                logger.LogWarning("Demo data not seeded: the quota pool of county {County} is already stocked.", county.Code);
                return true;
            }
        }

        return false;
    }

    /// <summary>How long each part of this silo's seeding took (for the log).</summary>
    public string Phases { get; private set; } = "";

    /// <summary>
    /// Brings the script to the grains. Only acts that reach a ledger need the order of the shared timeline (what a pool
    /// holds when a project reserves depends on every movement before it on that pool); so each project's acts go in
    /// parts that end at such an act, each part after the earlier parts on the pools it draws on, and everything else
    /// side by side.
    /// </summary>
    private async Task<int> WriteAsync(DemoDataSet data)
    {
        var phase = Stopwatch.GetTimestamp();
        // The deposits come before any project reaches a pool; each pool takes its own in order.
        var deposits = Task.WhenAll(data.Pools.Deposits.GroupBy(d => d.County).Select(async county =>
        {
            foreach (var (at, _, lot) in county)
            {
                var deposit = new LedgerImport(QuotaMovementKinds.Deposit, at,
                    Lot: new DepositLotCommand(lot.LotId, lot.Source, lot.AreaMu, lot.PaddyMu, lot.Grade, lot.CertifiedOn));
                Require((await grains.GetGrain<IQuotaLedgerGrain>(county.Key).ImportAsync(deposit, Admin)).Refusal, $"deposit {lot.LotId}");
            }
        }));

        var scripts = data.Runs.Select(run => new DemoScript(run)).ToList();

        // Codes in order of registration within each county, so the allocator numbers them as the plan did; then the
        // registrations (with their acts up to the first that reaches a pool) side by side, the store batching their commits.
        var codes = Task.WhenAll(scripts.GroupBy(s => s.Run.Registration.County).Select(async county =>
        {
            foreach (var script in county.OrderBy(s => s.Run.RegisteredAt).ThenBy(s => s.Run.Project.State.Code, StringComparer.Ordinal))
            {
                script.Code = await grains.GetGrain<IProjectCodeAllocatorGrain>(county.Key)
                    .IssueCodeAsync(ProjectTypes.Get(script.Run.Registration.Type).Code, WorkingCalendar.LocalDate(script.Run.RegisteredAt));
            }
        }));
        await codes;
        var registrations = Task.WhenAll(scripts.Select(async script =>
        {
            var first = script.NextPart();
            // Under the code the allocator issued, straight to the project's grain (which checks what the registrar would).
            var registration = new ImportedRegistration(ProjectRegistrations.ToCommand(script.Run.Registration), script.Run.Registrant.FromDomain(), script.Run.RegisteredAt);
            var reply = await grains.GetGrain<IProjectGrain>(script.Code).ImportAsync(new ProjectImport(registration, first.Acts, first.Continues), ActorInfos.System);
            Require(reply.Refusal, $"registration of {script.Code}");
        }));
        await Task.WhenAll(deposits, registrations);
        Phases += $"registered {Stopwatch.GetElapsedTime(phase).TotalMilliseconds:F0} ms; ";
        phase = Stopwatch.GetTimestamp();

        // The parts that reach a ledger in timeline order, each started once the parts before it on its pools are done.
        var queue = new PriorityQueue<DemoScript, long>(scripts.Where(s => s.NextLedgerAct is not null).Select(s => (s, s.NextLedgerAct!.Value)));
        var lastOnPool = new Dictionary<string, Task>(StringComparer.Ordinal);
        var ledgerParts = new List<Task>();
        while (queue.TryDequeue(out var script, out _))
        {
            var after = script.Pools.Select(c => lastOnPool.GetValueOrDefault(c, Task.CompletedTask)).ToArray();
            var part = ImportAfterAsync(after, script, script.NextPart());
            foreach (var county in script.Pools)
            {
                lastOnPool[county] = part;
            }

            ledgerParts.Add(part);
            if (script.NextLedgerAct is { } next)
            {
                queue.Enqueue(script, next);
            }
        }

        await Task.WhenAll(ledgerParts);
        Phases += $"{ledgerParts.Count} ledger parts {Stopwatch.GetElapsedTime(phase).TotalMilliseconds:F0} ms; ";
        phase = Stopwatch.GetTimestamp();
        await Task.WhenAll(scripts.Where(s => s.HasMore).Select(s => ImportPartAsync(s, s.NextPart())));
        Phases += $"rest {Stopwatch.GetElapsedTime(phase).TotalMilliseconds:F0} ms";
        return scripts.Count + data.Pools.Deposits.Select(d => d.County).Distinct().Count() + scripts.Select(s => s.Run.Registration.County).Distinct().Count();
    }

    private async Task ImportAfterAsync(Task[] after, DemoScript script, (IReadOnlyList<ImportedAct> Acts, bool Continues) part)
    {
        await Task.WhenAll(after);
        await ImportPartAsync(script, part);
    }

    private async Task ImportPartAsync(DemoScript script, (IReadOnlyList<ImportedAct> Acts, bool Continues) part)
    {
        var reply = await grains.GetGrain<IProjectGrain>(script.Code).ImportAsync(new ProjectImport(null, part.Acts, part.Continues), ActorInfos.System);
        Require(reply.Refusal, $"import into {script.Code}");
    }

    /// <summary>Waits until the silo that won the claim has seeded, unless its claim is too old to still be running.</summary>
    private async Task WaitForClaimantAsync(IStoreOnceGrain once, CancellationToken cancellationToken)
    {
        var state = await once.GetAsync();
        var deadline = (state.ClaimedAt ?? time.GetUtcNow()) + ClaimWait;
        while (state.Value is null)
        {
            if (time.GetUtcNow() >= deadline)
            {
                logger.LogWarning("Demo data: another silo claimed the seeding at {ClaimedAt} and has not finished; starting without waiting.", state.ClaimedAt);
                return;
            }

            await Task.Delay(ClaimPoll, time, cancellationToken);
            state = await once.GetAsync();
        }

        logger.LogInformation("Demo data seeded by another silo (claimed at {ClaimedAt}).", state.ClaimedAt);
    }

    private static void Require(Refusal? refusal, string what)
    {
        if (refusal is not null)
        {
            throw new InvalidOperationException($"Demo data: {what} was refused: {refusal.Rule}: {refusal.Detail}");
        }
    }

    /// <summary>One project's acts, taken in parts: each part up to and including the next act that reaches a ledger.</summary>
    private sealed class DemoScript(DemoProjectRun run)
    {
        private int taken;
        private bool started;

        public DemoProjectRun Run { get; } = run;

        public string Code { get; set; } = "";

        /// <summary>The pools the project reads or moves: its county's and those its reservation names.</summary>
        public IReadOnlyList<string> Pools { get; } =
        [
            .. new[] { run.Registration.County }
                .Concat(run.Acts.Where(a => a.Act.Action == StepActions.Reserve)
                    .SelectMany(a => a.Act.Facts?["counties"]?.AsArray().Select(c => c!.GetValue<string>()) ?? []))
                .Distinct(StringComparer.Ordinal),
        ];

        /// <summary>The timeline place of the next act of this project that reaches a ledger, if any is left.</summary>
        public long? NextLedgerAct => Run.Acts.Skip(taken).FirstOrDefault(a => a.TouchesLedger)?.Sequence;

        /// <summary>Whether a part is left (acts, or the last part's bringing the lights up to now).</summary>
        public bool HasMore => !started || taken < Run.Acts.Count;

        /// <summary>The acts up to (not including, before registration: the registration's part touches no ledger) the next
        /// ledger act, or all that are left.</summary>
        public (IReadOnlyList<ImportedAct> Acts, bool Continues) NextPart()
        {
            var end = Run.Acts.Count;
            for (var i = taken; i < Run.Acts.Count; i++)
            {
                if (Run.Acts[i].TouchesLedger)
                {
                    end = started ? i + 1 : i;
                    break;
                }
            }

            var part = Run.Acts.Skip(taken).Take(end - taken).Select(a => Imported(a.Act)).ToList();
            taken = end;
            started = true;
            return (part, taken < Run.Acts.Count);
        }

        private static ImportedAct Imported(RecordedAct act) =>
            new(act.At, act.Actor.FromDomain(), act.Action, act.Step, act.Reason, act.Facts?.ToJsonString(), act.Document);
    }
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
