using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>
/// One county's supplementary farmland quota pool. The ledger domain refuses anything that would
/// make a bucket negative or count a reservation twice; the grain makes every applied movement
/// durable, with its audit entries, before it answers.
/// </summary>
/// <remarks>
/// <para>Settled reservations leave the state for the stream's archive in the same commit, so a commit costs
/// the same after ten reservations or ten thousand. An id the ledger does not hold in memory is looked
/// up in the archive before the operation runs (one read by key; a new reservation always needs it once
/// anything was archived).</para>
/// <para>Movements are group-committed: every project of a county reserves through this one grain, so one commit
/// per movement made a county's reservations queue behind each other's round trips (hundreds at once passed the
/// call timeout on a loaded cluster). The grain is reentrant only so that calls can join the queue; one writer
/// takes what queued while the last commit was in flight, applies it in arrival order and commits it as one, and
/// answers each caller once that commit is durable. Reads answer from the last durable state, never from a batch
/// being written.</para>
/// </remarks>
[Reentrant]
public sealed class QuotaLedgerGrain(
    IAggregateStore store,
    WorkflowEnvironment environment,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time,
    LandFlowMetrics metrics,
    ILogger<QuotaLedgerGrain> logger) : Grain, IQuotaLedgerGrain
{
    private const int MaxConflictAttempts = 3;

    /// <summary>Movements in one commit at most: bounds the commit's size and the wait of the first in a batch.</summary>
    public const int MaxBatch = 256;

    private readonly Queue<LedgerOperation> queued = new();
    private Task writer = Task.CompletedTask;
    private CountyQuotaLedger ledger = null!;
    private LedgerView durable = null!;
    private DurableCommit commits = null!;

    private string County => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        commits = new DurableCommit(store, QuotaStreams.Ledger(County), Restore, this, logger);
        await commits.LoadAsync(cancellationToken);
    }

    public Task<LedgerReply> GetAsync(ActorInfo actor) =>
        Task.FromResult(Refused(QuotaAccess.CanRead(actor.ToDomain(), County)) ?? new LedgerReply(durable, null, false));

    public Task<LedgerReply> DepositLotAsync(DepositLotCommand command, ActorInfo actor) =>
        Refused(QuotaAccess.CanDeposit(actor.ToDomain())) is { } refused
            ? Task.FromResult(refused)
            : Enqueue(new(QuotaMovementKinds.Deposit, actor.Id, null, (l, at) => l.DepositLot(
                QuotaLot.Certified(command.LotId, command.Source, command.AreaMu, command.PaddyMu, command.Grade, command.CertifiedOn), at)));

    public Task<LedgerReply> ReserveAsync(string reservationId, string projectCode, QuotaView amount, ActorInfo actor) =>
        Refused(QuotaAccess.CanMove(actor.ToDomain())) is { } refused
            ? Task.FromResult(refused)
            : Enqueue(new(QuotaMovementKinds.Reserve, QuotaLedgerCommits.ProjectActor(projectCode), reservationId,
                (l, at) => l.Reserve(reservationId, projectCode, ProjectViews.Amount(amount), at)));

    public Task<LedgerReply> ConsumeAsync(string reservationId, ActorInfo actor) =>
        Refused(QuotaAccess.CanMove(actor.ToDomain())) is { } refused
            ? Task.FromResult(refused)
            : Enqueue(new(QuotaMovementKinds.Consume, Actor.System.Id, reservationId, (l, at) => l.Consume(reservationId, at)));

    public Task<LedgerReply> ReleaseAsync(string reservationId, ActorInfo actor) =>
        Refused(QuotaAccess.CanMove(actor.ToDomain())) is { } refused
            ? Task.FromResult(refused)
            : Enqueue(new(QuotaMovementKinds.Release, Actor.System.Id, reservationId, (l, at) => l.Release(reservationId, at)));

    public async Task<TransferOutReply> TransferOutAsync(TransferCommand command, ActorInfo actor)
    {
        if (Refused(QuotaAccess.CanMove(actor.ToDomain())) is { } refused)
        {
            return new TransferOutReply(null, refused.Refusal);
        }

        var reply = await Enqueue(new(QuotaMovementKinds.TransferOut, command.ApprovedBy, null, (l, at) =>
            l.TransferOut(command.TransferId, command.To, command.AreaMu, command.PaddyMu, command.Price, command.ApprovedBy, at)));
        if (reply.Refusal is { } refusal)
        {
            return new TransferOutReply(null, refusal);
        }

        // A transfer stays in the state once made, so it is there whatever was written after it.
        var transfer = ledger.FindTransfer(command.TransferId)!;
        return new TransferOutReply([.. transfer.Parts.Select(QuotaViews.Part)], null);
    }

    public Task<LedgerReply> TransferInAsync(TransferCommand command, IReadOnlyList<TransferPartView> parts, ActorInfo actor) =>
        Refused(QuotaAccess.CanMove(actor.ToDomain())) is { } refused
            ? Task.FromResult(refused)
            : Enqueue(new(QuotaMovementKinds.TransferIn, command.ApprovedBy, null, (l, at) =>
                l.TransferIn(command.TransferId, command.From, [.. parts.Select(QuotaViews.Part)], command.Price, command.ApprovedBy, at)));

    public Task<LedgerReply> ImportAsync(LedgerImport movement, ActorInfo actor)
    {
        ArgumentNullException.ThrowIfNull(movement);
        var who = actor.ToDomain();
        var allowed = movement.Kind == QuotaMovementKinds.Deposit && !who.IsSystem ? QuotaAccess.CanDeposit(who) : QuotaAccess.CanMove(who);
        if (Refused(allowed) is { } refused)
        {
            return Task.FromResult(refused);
        }

        var at = movement.At;
        var id = movement.ReservationId;
        (string Actor, Func<CountyQuotaLedger, DateTimeOffset, QuotaOutcome> Apply)? recorded =
            (movement.Kind, movement.Lot, id, movement.ProjectCode, movement.Amount) switch
            {
                (QuotaMovementKinds.Deposit, { } lot, _, _, _) => (actor.Id, (l, _) => l.DepositLot(
                    QuotaLot.Certified(lot.LotId, lot.Source, lot.AreaMu, lot.PaddyMu, lot.Grade, lot.CertifiedOn), at)),
                (QuotaMovementKinds.Reserve, _, { } reservation, { } project, { } amount) =>
                    (QuotaLedgerCommits.ProjectActor(project), (l, _) => l.Reserve(reservation, project, ProjectViews.Amount(amount), at)),
                (QuotaMovementKinds.Consume, _, { } reservation, _, _) => (Actor.System.Id, (l, _) => l.Consume(reservation, at)),
                (QuotaMovementKinds.Release, _, { } reservation, _, _) => (Actor.System.Id, (l, _) => l.Release(reservation, at)),
                _ => null,
            };

        // Written alone, after everything queued before it is durable: its instant is checked against the stream's last.
        return Enqueue(new(movement.Kind, recorded?.Actor ?? actor.Id, id, recorded?.Apply, async () =>
        {
            var last = await store.ReadEventPageAsync(QuotaStreams.Ledger(County), new EventPageQuery(null, NewestFirst: true, 1, InputLimits.MaxHistoryPageBytes));
            var recordedUntil = last.Events.Count > 0 ? last.Events[0].At : (DateTimeOffset?)null;
            if (ProjectImports.Check(who, null, recordedUntil, [movement.At], time.GetUtcNow()) is { } invalid)
            {
                metrics.Refused("quota-import", null, invalid.Rule);
                return invalid;
            }

            return recorded is null
                ? Refusal.Invalid(Rules.UnknownAction,
                    $"An imported movement is a deposit (with its lot), or a reserve (reservation, project, amount), consume or release (reservation); not '{movement.Kind}' as sent.")
                : null;
        }));
    }

    /// <summary>A pool of no county is not found; a caller the domain refuses sees nothing of the pool.</summary>
    private LedgerReply? Refused(Refusal? refusal)
    {
        refusal = Counties.IsKnown(County) ? refusal : Refusal.NotFound($"No quota pool for county '{County}'.");
        if (refusal is null)
        {
            return null;
        }

        metrics.Refused("quota-access", null, refusal.Rule);
        return new LedgerReply(null, refusal, false);
    }

    private Task<LedgerReply> Enqueue(LedgerOperation operation)
    {
        queued.Enqueue(operation);
        if (writer.IsCompleted)
        {
            writer = WriteQueuedAsync();
        }

        return operation.Reply.Task;
    }

    private async Task WriteQueuedAsync()
    {
        while (queued.Count > 0)
        {
            var batch = TakeBatch();
            try
            {
                await WriteAsync(batch);
            }
            catch (Exception failure)
            {
                // Nothing of the batch was applied (or, for an unknown outcome, the caller learns it may have been).
                foreach (var operation in batch)
                {
                    operation.Reply.TrySetException(failure);
                }
            }
        }
    }

    /// <summary>What queued, in arrival order, up to <see cref="MaxBatch"/>; an import goes alone.</summary>
    private List<LedgerOperation> TakeBatch()
    {
        var batch = new List<LedgerOperation> { queued.Dequeue() };
        if (batch[0].CheckAlone is not null)
        {
            return batch;
        }

        while (batch.Count < MaxBatch && queued.TryPeek(out var next) && next.CheckAlone is null)
        {
            batch.Add(queued.Dequeue());
        }

        return batch;
    }

    private async Task WriteAsync(List<LedgerOperation> batch)
    {
        if (batch[0].CheckAlone is { } check && await check() is { } invalid)
        {
            batch[0].Reply.TrySetResult(new LedgerReply(durable, invalid, false));
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            // Every lookup before any operation runs, so a failed read leaves memory as stored; all at once, since once
            // anything is archived every new reservation id needs one, and one after the other they held up the batch.
            var unknown = batch.Select(o => o.ReservationId).Distinct(StringComparer.Ordinal).Where(ledger.MustRecall).Select(id => id!).ToList();
            var archived = await Task.WhenAll(unknown.Select(id => QuotaLedgerCommits.LoadArchivedAsync(store, County, id)));
            for (var i = 0; i < unknown.Count; i++)
            {
                ledger.Recall(unknown[i], archived[i]);
            }

            var outcomes = await ApplyAsync(batch);
            var movements = outcomes.SelectMany((o, i) => o.Kind == QuotaOutcomeKind.Applied
                ? o.Movements.Select(m => (m, batch[i].Actor))
                : []).ToList();
            if (movements.Count > 0)
            {
                try
                {
                    await commits.CommitAsync(QuotaLedgerCommits.Build(ledger, movements, commits.Version));
                }
                catch (ConcurrentActivationException) when (attempt < MaxConflictAttempts && commits.InStep)
                {
                    // While a silo leaves or joins, Orleans may briefly run a second activation of this ledger, and the
                    // other one committed first. The failed commit reloaded what it wrote, so the batch runs again on
                    // that: ids make it safe (a reservation the other already made is answered as before). This
                    // activation then leaves (DurableCommit asked for it), so that later calls find the other.
                    logger.LogInformation("Ledger {County} met another activation's commit; {Count} operations run again on the reloaded ledger.",
                        County, batch.Count);
                    continue;
                }

                ledger.MarkArchived();
                durable = QuotaViews.From(ledger);
            }
            else
            {
                ledger.TrimRecalled();
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Reply.TrySetResult(Answer(batch[i], outcomes[i]));
            }

            return;
        }
    }

    /// <summary>Runs the batch's operations in order on the ledger in memory; if one throws (a fault, not a refusal),
    /// memory is put back as stored and the batch fails.</summary>
    private async Task<List<QuotaOutcome>> ApplyAsync(List<LedgerOperation> batch)
    {
        var outcomes = new List<QuotaOutcome>(batch.Count);
        try
        {
            var now = time.GetUtcNow();
            outcomes.AddRange(batch.Select(o => o.Apply!(ledger, now)));
            return outcomes;
        }
        catch (Exception failure)
        {
            await commits.DiscardAsync(failure);
            throw;
        }
    }

    private LedgerReply Answer(LedgerOperation operation, QuotaOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case QuotaOutcomeKind.Refused:
                metrics.Refused("quota-" + operation.Kind, null, outcome.Refusal!.Rule);
                return new LedgerReply(durable, outcome.Refusal, false);
            case QuotaOutcomeKind.AlreadyApplied or QuotaOutcomeKind.NothingToRelease:
                return new LedgerReply(durable, null, true);
            default:
                metrics.Accepted("quota-" + operation.Kind, null);
                return new LedgerReply(durable, null, false);
        }
    }

    private void Restore(AggregateSnapshot? snapshot)
    {
        ledger = snapshot is null
            ? new CountyQuotaLedger(County, environment.BalanceRules)
            : CountyQuotaLedger.FromJson(snapshot.StateJson, environment.BalanceRules);
        durable = QuotaViews.From(ledger);
    }

    /// <summary>A movement waiting for the writer: what it does to the ledger, who it is recorded for, and its caller's
    /// answer. <see cref="CheckAlone"/> (imports) runs first and alone, and may refuse it.</summary>
    private sealed record LedgerOperation(
        string Kind,
        string Actor,
        string? ReservationId,
        Func<CountyQuotaLedger, DateTimeOffset, QuotaOutcome>? Apply,
        Func<Task<Refusal?>>? CheckAlone = null)
    {
        public TaskCompletionSource<LedgerReply> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

public static class QuotaStreams
{
    public static string Ledger(string county) => "ledger/" + county;

    public const string TransferPrefix = "transfer/";

    public static string Transfer(string transferId) => TransferPrefix + transferId;
}
