using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
/// Settled reservations leave the state for the stream's archive in the same commit, so a commit costs
/// the same after ten reservations or ten thousand. An id the ledger does not hold in memory is looked
/// up in the archive before the operation runs (one read by key; a new reservation always needs it once
/// anything was archived). The grain is not reentrant, so nothing else changes the ledger meanwhile.
/// </remarks>
public sealed class QuotaLedgerGrain(
    IAggregateStore store,
    WorkflowEnvironment environment,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time,
    LandFlowMetrics metrics,
    ILogger<QuotaLedgerGrain> logger) : Grain, IQuotaLedgerGrain
{
    private const int MaxConflictAttempts = 3;

    private CountyQuotaLedger ledger = null!;
    private DurableCommit commits = null!;

    private string County => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        commits = new DurableCommit(store, QuotaStreams.Ledger(County), Restore, this, logger);
        await commits.LoadAsync(cancellationToken);
    }

    public Task<LedgerReply> GetAsync(ActorInfo actor) =>
        Task.FromResult(Refused(QuotaAccess.CanRead(actor.ToDomain(), County)) ?? new LedgerReply(QuotaViews.From(ledger), null, false));

    public Task<LedgerReply> DepositLotAsync(DepositLotCommand command, ActorInfo actor) =>
        Refused(QuotaAccess.CanDeposit(actor.ToDomain())) is { } refused
            ? Task.FromResult(refused)
            : ApplyAsync(QuotaMovementKinds.Deposit, actor.Id, null, (l, at) => l.DepositLot(
                QuotaLot.Certified(command.LotId, command.Source, command.AreaMu, command.PaddyMu, command.Grade, command.CertifiedOn), at));

    public Task<LedgerReply> ReserveAsync(string reservationId, string projectCode, QuotaView amount, ActorInfo actor) =>
        Refused(QuotaAccess.CanMove(actor.ToDomain())) is { } refused
            ? Task.FromResult(refused)
            : ApplyAsync(QuotaMovementKinds.Reserve, QuotaLedgerCommits.ProjectActor(projectCode), reservationId, (l, at) => l.Reserve(reservationId, projectCode, ProjectViews.Amount(amount), at));

    public Task<LedgerReply> ConsumeAsync(string reservationId, ActorInfo actor) =>
        Refused(QuotaAccess.CanMove(actor.ToDomain())) is { } refused
            ? Task.FromResult(refused)
            : ApplyAsync(QuotaMovementKinds.Consume, Actor.System.Id, reservationId, (l, at) => l.Consume(reservationId, at));

    public Task<LedgerReply> ReleaseAsync(string reservationId, ActorInfo actor) =>
        Refused(QuotaAccess.CanMove(actor.ToDomain())) is { } refused
            ? Task.FromResult(refused)
            : ApplyAsync(QuotaMovementKinds.Release, Actor.System.Id, reservationId, (l, at) => l.Release(reservationId, at));

    public async Task<TransferOutReply> TransferOutAsync(TransferCommand command, ActorInfo actor)
    {
        if (Refused(QuotaAccess.CanMove(actor.ToDomain())) is { } refused)
        {
            return new TransferOutReply(null, refused.Refusal);
        }

        var reply = await ApplyAsync(QuotaMovementKinds.TransferOut, command.ApprovedBy, null, (l, at) =>
            l.TransferOut(command.TransferId, command.To, command.AreaMu, command.PaddyMu, command.Price, command.ApprovedBy, at));
        if (reply.Refusal is { } refusal)
        {
            return new TransferOutReply(null, refusal);
        }

        var transfer = ledger.FindTransfer(command.TransferId)!;
        return new TransferOutReply([.. transfer.Parts.Select(QuotaViews.Part)], null);
    }

    public Task<LedgerReply> TransferInAsync(TransferCommand command, IReadOnlyList<TransferPartView> parts, ActorInfo actor) =>
        Refused(QuotaAccess.CanMove(actor.ToDomain())) is { } refused
            ? Task.FromResult(refused)
            : ApplyAsync(QuotaMovementKinds.TransferIn, command.ApprovedBy, null, (l, at) =>
                l.TransferIn(command.TransferId, command.From, [.. parts.Select(QuotaViews.Part)], command.Price, command.ApprovedBy, at));

    public async Task<LedgerReply> ImportAsync(LedgerImport movement, ActorInfo actor)
    {
        ArgumentNullException.ThrowIfNull(movement);
        var who = actor.ToDomain();
        var allowed = movement.Kind == QuotaMovementKinds.Deposit && !who.IsSystem ? QuotaAccess.CanDeposit(who) : QuotaAccess.CanMove(who);
        if (Refused(allowed) is { } refused)
        {
            return refused;
        }

        var last = await store.ReadEventPageAsync(QuotaStreams.Ledger(County), new EventPageQuery(null, NewestFirst: true, 1, InputLimits.MaxHistoryPageBytes));
        var recordedUntil = last.Events.Count > 0 ? last.Events[0].At : (DateTimeOffset?)null;
        if (ProjectImports.Check(who, null, recordedUntil, [movement.At], time.GetUtcNow()) is { } invalid)
        {
            metrics.Refused("quota-import", null, invalid.Rule);
            return new LedgerReply(QuotaViews.From(ledger), invalid, false);
        }

        var at = movement.At;
        var id = movement.ReservationId;
        return (movement.Kind, movement.Lot, id, movement.ProjectCode, movement.Amount) switch
        {
            (QuotaMovementKinds.Deposit, { } lot, _, _, _) => await ApplyAsync(QuotaMovementKinds.Deposit, actor.Id, null, (l, _) => l.DepositLot(
                QuotaLot.Certified(lot.LotId, lot.Source, lot.AreaMu, lot.PaddyMu, lot.Grade, lot.CertifiedOn), at)),
            (QuotaMovementKinds.Reserve, _, { } reservation, { } project, { } amount) => await ApplyAsync(QuotaMovementKinds.Reserve,
                QuotaLedgerCommits.ProjectActor(project), reservation, (l, _) => l.Reserve(reservation, project, ProjectViews.Amount(amount), at)),
            (QuotaMovementKinds.Consume, _, { } reservation, _, _) => await ApplyAsync(QuotaMovementKinds.Consume, Actor.System.Id, reservation, (l, _) => l.Consume(reservation, at)),
            (QuotaMovementKinds.Release, _, { } reservation, _, _) => await ApplyAsync(QuotaMovementKinds.Release, Actor.System.Id, reservation, (l, _) => l.Release(reservation, at)),
            _ => new LedgerReply(QuotaViews.From(ledger), Refusal.Invalid(Rules.UnknownAction,
                $"An imported movement is a deposit (with its lot), or a reserve (reservation, project, amount), consume or release (reservation); not '{movement.Kind}' as sent."), false),
        };
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

    private async Task<LedgerReply> ApplyAsync(
        string kind, string actor, string? reservationId, Func<CountyQuotaLedger, DateTimeOffset, QuotaOutcome> operation)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (ledger.MustRecall(reservationId))
            {
                ledger.Recall(reservationId!, await QuotaLedgerCommits.LoadArchivedAsync(store, County, reservationId!));
            }

            var outcome = operation(ledger, time.GetUtcNow());
            switch (outcome.Kind)
            {
                case QuotaOutcomeKind.Refused:
                    metrics.Refused("quota-" + kind, null, outcome.Refusal!.Rule);
                    return new LedgerReply(QuotaViews.From(ledger), outcome.Refusal, false);
                case QuotaOutcomeKind.AlreadyApplied or QuotaOutcomeKind.NothingToRelease:
                    return new LedgerReply(QuotaViews.From(ledger), null, true);
            }

            try
            {
                await commits.CommitAsync(QuotaLedgerCommits.Build(ledger, outcome.Movements, actor, commits.Version));
            }
            catch (ConcurrentActivationException) when (attempt < MaxConflictAttempts && commits.InStep)
            {
                // While a silo leaves or joins, Orleans may briefly run a second activation of this ledger, and the other
                // one committed first. The failed commit reloaded what it wrote, so the operation runs again on that:
                // ids make it safe (a reservation the other already made is answered as before). This activation then
                // leaves (DurableCommit asked for it), so that later calls find the other.
                logger.LogInformation("Ledger {County} met another activation's commit; {Kind} runs again on the reloaded ledger.", County, kind);
                continue;
            }

            ledger.MarkArchived();
            metrics.Accepted("quota-" + kind, null);
            return new LedgerReply(QuotaViews.From(ledger), null, false);
        }
    }

    private void Restore(AggregateSnapshot? snapshot) =>
        ledger = snapshot is null
            ? new CountyQuotaLedger(County, environment.BalanceRules)
            : CountyQuotaLedger.FromJson(snapshot.StateJson, environment.BalanceRules);
}

public static class QuotaStreams
{
    public static string Ledger(string county) => "ledger/" + county;

    public const string TransferPrefix = "transfer/";

    public static string Transfer(string transferId) => TransferPrefix + transferId;
}
