using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains;

public static class QuotaViews
{
    public static LedgerView From(CountyQuotaLedger ledger) => new(
        ledger.County,
        ProjectViews.Quota(ledger.Available),
        ProjectViews.Quota(ledger.Reserved),
        ProjectViews.Quota(ledger.Consumed),
        ProjectViews.Quota(ledger.DepositedNet),
        [.. ledger.LotsInDrawingOrder().Select(l => new LotView(
            l.LotId,
            l.Source,
            l.AreaMu,
            l.PaddyMu,
            l.Grade,
            l.CertifiedAmount.CapacityKg,
            l.State,
            l.CertifiedOn,
            ProjectViews.Quota(l.Available),
            ProjectViews.Quota(l.Reserved),
            ProjectViews.Quota(l.Consumed)))]);

    public static TransferPartView Part(TransferredQuotaPart part) =>
        new(part.SourceLotId, part.Source, part.Grade, part.AreaMu, part.PaddyMu, part.CapacityKg, part.CertifiedOn);

    public static TransferredQuotaPart Part(TransferPartView part) =>
        new(part.SourceLotId, part.Source, part.Grade, part.CertifiedOn, part.AreaMu, part.PaddyMu, part.CapacityKg);
}
