namespace Workflow.Contracts;

/// <summary>One ledger per county: the supplementary farmland quota pool. Idempotent by lot id,
/// reservation id and transfer id, so a retried or re-driven call never counts twice.</summary>
public interface IQuotaLedgerGrain : IGrainWithStringKey
{
    /// <summary>The pool: the bureau's staff read it, a person with a county only their own county's.</summary>
    Task<LedgerReply> GetAsync(ActorInfo actor);

    /// <summary>Administrators stock the pool.</summary>
    Task<LedgerReply> DepositLotAsync(DepositLotCommand command, ActorInfo actor);

    /// <summary>The platform only (<see cref="Roles.System"/>): the project grain reserving for its project.</summary>
    Task<LedgerReply> ReserveAsync(string reservationId, string projectCode, QuotaView amount, ActorInfo actor);

    Task<LedgerReply> ConsumeAsync(string reservationId, ActorInfo actor);

    /// <summary>Releases a reservation; releasing one the ledger never saw is a harmless no-op, since
    /// compensation calls it blindly.</summary>
    Task<LedgerReply> ReleaseAsync(string reservationId, ActorInfo actor);

    /// <summary>The platform only: the transfer grain moving quota out of this pool.</summary>
    Task<TransferOutReply> TransferOutAsync(TransferCommand command, ActorInfo actor);

    Task<LedgerReply> TransferInAsync(TransferCommand command, IReadOnlyList<TransferPartView> parts, ActorInfo actor);

    /// <summary>Records a movement of an imported record at its own instant, after the pool's last movement and not
    /// after now: deposits by administrators or the platform, reservations, consumptions and releases by the platform.</summary>
    Task<LedgerReply> ImportAsync(LedgerImport movement, ActorInfo actor);
}

/// <summary>One grain per transfer id: drives the two ledgers of a transfer to the end, even across a crash.</summary>
public interface IQuotaTransferGrain : IGrainWithStringKey
{
    Task<TransferReply> ExecuteAsync(TransferCommand command, ActorInfo actor);

    /// <summary>Called by the deadline scheduler to finish a transfer a crash interrupted.</summary>
    Task WakeAsync();
}

[GenerateSerializer, Immutable, Alias("landflow.DepositLotCommand")]
public sealed record DepositLotCommand(
    [property: Id(0)] string LotId,
    [property: Id(1)] string Source,
    [property: Id(2)] decimal AreaMu,
    [property: Id(3)] decimal PaddyMu,
    [property: Id(4)] int Grade,
    [property: Id(5)] DateOnly CertifiedOn);

[GenerateSerializer, Immutable, Alias("landflow.TransferCommand")]
public sealed record TransferCommand(
    [property: Id(0)] string TransferId,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] decimal AreaMu,
    [property: Id(4)] decimal PaddyMu,
    [property: Id(5)] decimal Price,
    [property: Id(6)] string ApprovedBy);

[GenerateSerializer, Immutable, Alias("landflow.TransferPartView")]
public sealed record TransferPartView(
    [property: Id(0)] string SourceLotId,
    [property: Id(1)] string Source,
    [property: Id(2)] int Grade,
    [property: Id(3)] decimal AreaMu,
    [property: Id(4)] decimal PaddyMu,
    [property: Id(5)] decimal CapacityKg,
    [property: Id(6)] DateOnly CertifiedOn);

[GenerateSerializer, Immutable, Alias("landflow.LedgerReply")]
public sealed record LedgerReply(
    [property: Id(0)] LedgerView? Ledger,
    [property: Id(1)] Refusal? Refusal,
    [property: Id(2)] bool AlreadyApplied);

[GenerateSerializer, Immutable, Alias("landflow.TransferOutReply")]
public sealed record TransferOutReply(
    [property: Id(0)] IReadOnlyList<TransferPartView>? Parts,
    [property: Id(1)] Refusal? Refusal);

[GenerateSerializer, Immutable, Alias("landflow.TransferReply")]
public sealed record TransferReply(
    [property: Id(0)] TransferView? Transfer,
    [property: Id(1)] Refusal? Refusal);

[GenerateSerializer, Immutable, Alias("landflow.TransferView")]
public sealed record TransferView(
    [property: Id(0)] TransferCommand Command,
    [property: Id(1)] string State,
    [property: Id(2)] IReadOnlyList<TransferPartView> Parts,
    [property: Id(3)] string RequestedBy,
    [property: Id(4)] DateTimeOffset RequestedAt);

[GenerateSerializer, Immutable, Alias("landflow.LedgerView")]
public sealed record LedgerView(
    [property: Id(0)] string County,
    [property: Id(1)] QuotaView Available,
    [property: Id(2)] QuotaView Reserved,
    [property: Id(3)] QuotaView Consumed,
    [property: Id(4)] QuotaView Deposited,
    [property: Id(5)] IReadOnlyList<LotView> Lots);

[GenerateSerializer, Immutable, Alias("landflow.LotView")]
public sealed record LotView(
    [property: Id(0)] string LotId,
    [property: Id(1)] string Source,
    [property: Id(2)] decimal AreaMu,
    [property: Id(3)] decimal PaddyMu,
    [property: Id(4)] int Grade,
    [property: Id(5)] decimal CapacityKg,
    [property: Id(6)] string State,
    [property: Id(7)] DateOnly CertifiedOn,
    [property: Id(8)] QuotaView Available,
    [property: Id(9)] QuotaView Reserved,
    [property: Id(10)] QuotaView Consumed);
