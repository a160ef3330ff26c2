using System.Text.Json;
using Workflow.Domain;
using Workflow.Storage;
using SettledReservation = Workflow.Domain.QuotaReservation;

namespace Workflow.Grains;

/// <summary>How a county ledger becomes one atomic commit: its state, one audit event per movement
/// numbered by the movement's sequence, and the reservations settled since the last commit, archived
/// by id. The grain and the demo seeder both write it so, so the stored format has one definition.</summary>
public static class QuotaLedgerCommits
{
    /// <summary>The actor recorded for movements a project's reservation causes.</summary>
    public static string ProjectActor(string projectCode) => "project:" + projectCode;

    public static AggregateCommit Build(CountyQuotaLedger ledger, IEnumerable<QuotaMovement> movements, string actor, long expectedVersion) =>
        Build(ledger, movements.Select(m => (m, actor)), expectedVersion);

    /// <summary>A commit whose movements were made by different actors (a replayed history).</summary>
    public static AggregateCommit Build(CountyQuotaLedger ledger, IEnumerable<(QuotaMovement Movement, string Actor)> movements, long expectedVersion) =>
        new(
            QuotaStreams.Ledger(ledger.County),
            expectedVersion,
            ledger.ToJson(),
            [.. movements.Select(m => Event(m.Movement, m.Actor))],
            Archive: [.. ledger.Unarchived.Select(Archived)]);

    /// <summary>The settled reservation archived under <paramref name="reservationId"/>, or null.</summary>
    public static async Task<SettledReservation?> LoadArchivedAsync(IAggregateStore store, string county, string reservationId)
    {
        var json = await store.LoadArchivedAsync(QuotaStreams.Ledger(county), CountyQuotaLedger.ArchiveKey(reservationId));
        return json is null ? null : CountyQuotaLedger.FromArchiveJson(json);
    }

    /// <summary>Every settled reservation the county's archive holds, read page by page (for audits).</summary>
    public static async Task<IReadOnlyList<SettledReservation>> ReadArchiveAsync(IAggregateStore store, string county, int pageSize = 500)
    {
        const string Prefix = CountyQuotaLedger.ReservationArchivePrefix;
        var reservations = new List<SettledReservation>();
        var after = Prefix;
        while (true)
        {
            var page = await store.ReadArchiveAsync(QuotaStreams.Ledger(county), after, pageSize);
            var ours = page.TakeWhile(r => r.Key.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
            reservations.AddRange(ours.Select(r => CountyQuotaLedger.FromArchiveJson(r.Json)));
            if (page.Count < pageSize || ours.Count < page.Count)
            {
                return reservations;
            }

            after = page[^1].Key;
        }
    }

    private static ArchivedRecord Archived(SettledReservation reservation) =>
        new(CountyQuotaLedger.ArchiveKey(reservation.ReservationId), CountyQuotaLedger.ToArchiveJson(reservation));

    private static StoredEvent Event(QuotaMovement movement, string actor) =>
        new(movement.Sequence, movement.At, actor, movement.Kind, null, null, JsonSerializer.Serialize(movement, DomainJson.Options));
}
