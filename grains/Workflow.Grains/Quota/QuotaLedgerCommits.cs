using System.Text.Json;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>How a county ledger becomes one atomic commit: its state, and one audit event per
/// movement numbered by the movement's sequence. The grain and the demo seeder both write it so,
/// so the stored format has one definition.</summary>
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
            [.. movements.Select(m => Event(m.Movement, m.Actor))]);

    private static StoredEvent Event(QuotaMovement movement, string actor) =>
        new(movement.Sequence, movement.At, actor, movement.Kind, null, null, JsonSerializer.Serialize(movement, DomainJson.Options));
}
