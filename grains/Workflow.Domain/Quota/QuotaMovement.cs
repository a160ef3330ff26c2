namespace Workflow.Domain;

public static class QuotaMovementKinds
{
    public const string Deposit = "deposit";
    public const string Reserve = "reserve";
    public const string Consume = "consume";
    public const string Release = "release";
    public const string TransferOut = "transfer-out";
    public const string TransferIn = "transfer-in";
}

/// <summary>One audited change to one lot; an operation touching several lots yields one per lot.</summary>
public sealed record QuotaMovement
{
    /// <summary>Per-county running number, so the audit trail can detect gaps and duplicates.</summary>
    public required long Sequence { get; init; }

    public required string Kind { get; init; }

    public required string County { get; init; }

    public required string LotId { get; init; }

    public required QuotaAmount Amount { get; init; }

    public required DateTimeOffset At { get; init; }

    public string? ReservationId { get; init; }

    public string? ProjectCode { get; init; }

    public string? TransferId { get; init; }

    /// <summary>The other county of a transfer.</summary>
    public string? Counterparty { get; init; }

    /// <summary>Price of the whole transfer, repeated on each of its lot rows.</summary>
    public decimal? TransferPriceYuan { get; init; }

    public string? ApprovedBy { get; init; }
}
