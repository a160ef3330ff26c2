namespace Workflow.Domain;

/// <summary>Everything a county's quota ledger knows; a grain persists this as JSON.</summary>
public sealed class CountyQuotaLedgerState
{
    public string County { get; set; } = "";

    public Dictionary<string, QuotaLot> Lots { get; set; } = new(StringComparer.Ordinal);

    // Kept after consume and release so a reservation id is never reused.
    public Dictionary<string, QuotaReservation> Reservations { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, QuotaTransfer> Transfers { get; set; } = new(StringComparer.Ordinal);

    // Running totals kept apart from the lots so the ledger invariant is a real cross-check.
    public QuotaAmount Deposited { get; set; } = QuotaAmount.Zero;

    public QuotaAmount TransferredIn { get; set; } = QuotaAmount.Zero;

    public QuotaAmount TransferredOut { get; set; } = QuotaAmount.Zero;

    public long LastMovementSequence { get; set; }
}
