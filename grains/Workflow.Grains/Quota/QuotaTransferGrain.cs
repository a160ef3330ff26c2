using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>
/// Moves quota between two counties (指标调剂). The transfer's intent is durable before either ledger
/// moves and carries a deadline of "now", so if the grain dies between the two ledgers the deadline
/// scheduler wakes it and it finishes the transfer; both ledgers are idempotent by transfer id.
/// </summary>
public sealed class QuotaTransferGrain(
    IAggregateStore store,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time,
    ILogger<QuotaTransferGrain> logger) : Grain, IQuotaTransferGrain
{
    private TransferRecord? record;
    private DurableCommit commits = null!;

    private string StreamId => QuotaStreams.Transfer(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        commits = new DurableCommit(store, StreamId, Restore, this, logger);
        await commits.LoadAsync(cancellationToken);
    }

    public async Task<TransferReply> ExecuteAsync(TransferCommand command, ActorInfo actor)
    {
        if (QuotaAccess.CanTransfer(actor.ToDomain()) is { } forbidden)
        {
            return new TransferReply(null, forbidden);
        }

        if (record is not null && record.Command != command)
        {
            return new TransferReply(null, Refusal.Conflict(Rules.TransferConflict,
                $"Transfer {command.TransferId} was already requested with other terms."));
        }

        if (!Counties.IsKnown(command.From) || !Counties.IsKnown(command.To))
        {
            return new TransferReply(null, Refusal.Invalid(Rules.InvalidTransfer, "A transfer needs two known county codes (from and to)."));
        }

        if (command.From == command.To)
        {
            return new TransferReply(null, Refusal.Invalid(Rules.InvalidTransfer, "A transfer needs two different counties."));
        }

        if (record is null)
        {
            // Ask the source first: a refusal there must leave no trace anywhere.
            var check = await Ledger(command.From).GetAsync(Self);
            if (check.Refusal is { } unreadable)
            {
                return new TransferReply(null, unreadable);
            }

            var available = check.Ledger!.Available;
            if (available.AreaMu < command.AreaMu || available.PaddyMu < command.PaddyMu)
            {
                var rule = available.AreaMu < command.AreaMu ? Rules.QuotaAreaShort : Rules.QuotaPaddyShort;
                return new TransferReply(null, Refusal.Conflict(rule,
                    $"{command.From} has {available.AreaMu} mu ({available.PaddyMu} mu paddy) available."));
            }

            record = new TransferRecord(command, TransferStates.Requested, [], actor.Id, time.GetUtcNow());
            await PersistAsync(EventFor("transfer-requested", actor.Id));
        }

        var refusal = await DriveAsync();
        return refusal is null ? new TransferReply(View(), null) : new TransferReply(null, refusal);
    }

    public async Task WakeAsync()
    {
        if (record is { State: not (TransferStates.Completed or TransferStates.Refused) })
        {
            await DriveAsync();
        }
    }

    private async Task<Refusal?> DriveAsync()
    {
        var current = record!;
        if (current.State == TransferStates.Requested)
        {
            var sent = await Ledger(current.Command.From).TransferOutAsync(current.Command, Self);
            if (sent.Refusal is { } refusal)
            {
                // The source moved nothing: record the refusal so a wake does not try again.
                record = current with { State = TransferStates.Refused };
                await PersistAsync(EventFor("transfer-refused", Actor.System.Id, refusal.Rule));
                return refusal;
            }

            record = current = current with { State = TransferStates.Sent, Parts = sent.Parts! };
            await PersistAsync(EventFor("transfer-sent", Actor.System.Id));
        }

        if (current.State == TransferStates.Sent)
        {
            var received = await Ledger(current.Command.To).TransferInAsync(current.Command, current.Parts, Self);
            if (received.Refusal is { } refusal)
            {
                logger.LogError("Ledger {County} refused transfer {Transfer} in: {Rule} {Detail}", current.Command.To, current.Command.TransferId, refusal.Rule, refusal.Detail);
                return refusal;
            }

            record = current with { State = TransferStates.Completed };
            await PersistAsync(EventFor("transfer-completed", Actor.System.Id));
        }

        return record!.State == TransferStates.Refused ? Refusal.Conflict(Rules.TransferConflict, "The transfer was refused.") : null;
    }

    private async Task PersistAsync(StoredEvent entry)
    {
        var open = record!.State is TransferStates.Requested or TransferStates.Sent;
        await commits.CommitAsync(new AggregateCommit(StreamId, commits.Version, DomainJson.Serialize(record), [entry], Deadline: new DeadlineChange(open ? time.GetUtcNow() : null)));
    }

    private void Restore(AggregateSnapshot? snapshot) =>
        record = snapshot is null ? null : DomainJson.Deserialize<TransferRecord>(snapshot.StateJson);

    private StoredEvent EventFor(string kind, string actor, string? reason = null) =>
        new(commits.Version + 1, time.GetUtcNow(), actor, kind, null, reason, DomainJson.Serialize(record!.Command));

    private TransferView View() => new(record!.Command, record.State, record.Parts, record.RequestedBy, record.RequestedAt);

    /// <summary>This transfer as the ledgers' caller: the platform moving quota it was told to move.</summary>
    private ActorInfo Self => ActorInfos.ForTransfer(this.GetPrimaryKeyString());

    private IQuotaLedgerGrain Ledger(string county) => GrainFactory.GetGrain<IQuotaLedgerGrain>(county);
}

public sealed record TransferRecord(TransferCommand Command, string State, IReadOnlyList<TransferPartView> Parts, string RequestedBy, DateTimeOffset RequestedAt);

public static class TransferStates
{
    public const string Requested = "requested";
    public const string Sent = "sent";
    public const string Completed = "completed";
    public const string Refused = "refused";
}
