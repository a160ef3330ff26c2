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
    private CountyQuotaLedger ledger = null!;
    private DurableCommit commits = null!;

    private string County => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        commits = new DurableCommit(store, QuotaStreams.Ledger(County), Restore, this, logger);
        await commits.LoadAsync(cancellationToken);
    }

    public Task<LedgerView> GetAsync() => Task.FromResult(QuotaViews.From(ledger));

    public Task<LedgerReply> DepositLotAsync(DepositLotCommand command, ActorInfo actor) =>
        ApplyAsync(QuotaMovementKinds.Deposit, actor.Id, null, (l, at) => l.DepositLot(
            QuotaLot.Certified(command.LotId, command.Source, command.AreaMu, command.PaddyMu, command.Grade, command.CertifiedOn), at));

    public Task<LedgerReply> ReserveAsync(string reservationId, string projectCode, QuotaView amount) =>
        ApplyAsync(QuotaMovementKinds.Reserve, QuotaLedgerCommits.ProjectActor(projectCode), reservationId, (l, at) => l.Reserve(reservationId, projectCode, ProjectViews.Amount(amount), at));

    public Task<LedgerReply> ConsumeAsync(string reservationId) =>
        ApplyAsync(QuotaMovementKinds.Consume, Actor.System.Id, reservationId, (l, at) => l.Consume(reservationId, at));

    public Task<LedgerReply> ReleaseAsync(string reservationId) =>
        ApplyAsync(QuotaMovementKinds.Release, Actor.System.Id, reservationId, (l, at) => l.Release(reservationId, at));

    public async Task<TransferOutReply> TransferOutAsync(TransferCommand command)
    {
        var reply = await ApplyAsync(QuotaMovementKinds.TransferOut, command.ApprovedBy, null, (l, at) =>
            l.TransferOut(command.TransferId, command.To, command.AreaMu, command.PaddyMu, command.Price, command.ApprovedBy, at));
        if (reply.Refusal is { } refusal)
        {
            return new TransferOutReply(null, refusal);
        }

        var transfer = ledger.FindTransfer(command.TransferId)!;
        return new TransferOutReply([.. transfer.Parts.Select(QuotaViews.Part)], null);
    }

    public Task<LedgerReply> TransferInAsync(TransferCommand command, IReadOnlyList<TransferPartView> parts) =>
        ApplyAsync(QuotaMovementKinds.TransferIn, command.ApprovedBy, null, (l, at) =>
            l.TransferIn(command.TransferId, command.From, [.. parts.Select(QuotaViews.Part)], command.Price, command.ApprovedBy, at));

    private async Task<LedgerReply> ApplyAsync(
        string kind, string actor, string? reservationId, Func<CountyQuotaLedger, DateTimeOffset, QuotaOutcome> operation)
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
                return new LedgerReply(QuotaViews.From(ledger), new RefusalInfo(RefusalKindOf(outcome.Refusal.Rule), outcome.Refusal.Rule, outcome.Refusal.Detail), false);
            case QuotaOutcomeKind.AlreadyApplied or QuotaOutcomeKind.NothingToRelease:
                return new LedgerReply(QuotaViews.From(ledger), null, true);
        }

        await commits.CommitAsync(QuotaLedgerCommits.Build(ledger, outcome.Movements, actor, commits.Version));
        ledger.MarkArchived();
        metrics.Accepted("quota-" + kind, null);
        return new LedgerReply(QuotaViews.From(ledger), null, false);
    }

    private void Restore(AggregateSnapshot? snapshot) =>
        ledger = snapshot is null
            ? new CountyQuotaLedger(County, environment.BalanceRules)
            : CountyQuotaLedger.FromJson(snapshot.StateJson, environment.BalanceRules);

    /// <summary>Shortfalls and conflicts are 409s; malformed lots and amounts are 400s.</summary>
    private static string RefusalKindOf(string rule) =>
        rule is QuotaRules.InvalidLot or QuotaRules.InvalidReservation or QuotaRules.InvalidTransfer
            ? RefusalKinds.Invalid
            : RefusalKinds.Conflict;
}

public static class QuotaStreams
{
    public static string Ledger(string county) => "ledger/" + county;

    public const string TransferPrefix = "transfer/";

    public static string Transfer(string transferId) => TransferPrefix + transferId;
}
