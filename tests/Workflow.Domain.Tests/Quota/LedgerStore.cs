namespace Workflow.Domain.Tests;

/// <summary>
/// A county ledger as its grain stores it, in memory: the state JSON of the last commit and the archive of settled
/// reservations, which like the real store refuses a key twice. Lets domain tests commit, reload and look up.
/// </summary>
internal sealed class LedgerStore
{
    private readonly Dictionary<string, string> archive = new(StringComparer.Ordinal);

    public string StateJson { get; private set; } = "";

    public int ArchivedCount => archive.Count;

    public IEnumerable<QuotaReservation> Archived => archive.Values.Select(CountyQuotaLedger.FromArchiveJson);

    /// <summary>What the grain commits after an applied operation, then tells the ledger.</summary>
    public void Commit(CountyQuotaLedger ledger)
    {
        foreach (var reservation in ledger.Unarchived)
        {
            archive.Add(CountyQuotaLedger.ArchiveKey(reservation.ReservationId), CountyQuotaLedger.ToArchiveJson(reservation));
        }

        StateJson = ledger.ToJson();
        ledger.MarkArchived();
    }

    public CountyQuotaLedger Load() => CountyQuotaLedger.FromJson(StateJson);

    /// <summary>What the grain does before an operation on an id: looks it up when the ledger must be told.</summary>
    public void RecallIfNeeded(CountyQuotaLedger ledger, string reservationId)
    {
        if (ledger.MustRecall(reservationId))
        {
            ledger.Recall(
                reservationId,
                archive.TryGetValue(CountyQuotaLedger.ArchiveKey(reservationId), out var json) ? CountyQuotaLedger.FromArchiveJson(json) : null);
        }
    }

    public void RecallAll(CountyQuotaLedger ledger, params string[] reservationIds)
    {
        foreach (var id in reservationIds)
        {
            RecallIfNeeded(ledger, id);
        }
    }
}
