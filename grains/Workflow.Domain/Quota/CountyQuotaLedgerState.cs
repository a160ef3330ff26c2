namespace Workflow.Domain;

/// <summary>
/// What a county's quota ledger keeps in its state; a grain persists this as JSON at every commit, so it holds
/// only what is open or summed up. Settled reservations live in the stream's archive instead
/// (<see cref="CountyQuotaLedger.Unarchived"/>), which keeps the state's size independent of how many were settled.
/// </summary>
public sealed class CountyQuotaLedgerState
{
    /// <summary>The layout this state was written in: 0 before settled reservations left the state (or for a new
    /// state), <see cref="CountyQuotaLedger.CurrentFormat"/> once a ledger has opened it.</summary>
    public int Format { get; set; }

    public string County { get; set; } = "";

    public Dictionary<string, QuotaLot> Lots { get; set; } = new(StringComparer.Ordinal);

    // Open (reserved) ones only; a state of format 0 also holds settled ones, which the ledger moves out when it opens it.
    public Dictionary<string, QuotaReservation> Reservations { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, QuotaTransfer> Transfers { get; set; } = new(StringComparer.Ordinal);

    // Running totals kept apart from the lots so the ledger invariant is a real cross-check.
    public QuotaAmount Deposited { get; set; } = QuotaAmount.Zero;

    public QuotaAmount TransferredIn { get; set; } = QuotaAmount.Zero;

    public QuotaAmount TransferredOut { get; set; } = QuotaAmount.Zero;

    /// <summary>The amounts of every consumed reservation added up, to check the lots' consumed buckets against
    /// now that consumed reservations are archived.</summary>
    public QuotaAmount ConsumedByReservations { get; set; } = QuotaAmount.Zero;

    /// <summary>Reservations consumed or released so far: archived, or about to be with the next commit.</summary>
    public long SettledReservations { get; set; }

    public long LastMovementSequence { get; set; }
}
