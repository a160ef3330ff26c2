using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains;

/// <summary>
/// Reserves a project's quota across the county pools it names: plans the draw from what each pool
/// has, then reserves pool by pool under one reservation id. A pool that refuses (another project
/// got there first) undoes the others, so a refused reservation reserves nothing anywhere.
/// </summary>
internal sealed class QuotaReservation(IGrainFactory grains)
{
    /// <param name="at">The instant of an imported reservation, recorded so on the ledgers; null for now.</param>
    public async Task<ReservationResult> ReserveAsync(string projectCode, PendingReservation intent, DateTimeOffset? at = null)
    {
        if (intent.Required.IsZero())
        {
            return new ReservationResult([], null);
        }

        var project = ActorInfos.ForProject(projectCode);
        var replies = await Task.WhenAll(intent.Pools.Select(c => Ledger(c).GetAsync(project)));
        if (replies.FirstOrDefault(r => r.Refusal is not null)?.Refusal is { } unreadable)
        {
            return new ReservationResult([], unreadable);
        }

        var plan = ReservationPlanner.Plan(intent.Required, [.. replies.Select(r => (r.Ledger!.County, ProjectViews.Amount(r.Ledger.Available)))]);
        if (!plan.Succeeded)
        {
            return new ReservationResult([], plan.Refusal);
        }

        var reserved = new List<CountyAllocation>();
        foreach (var share in plan.Shares.Where(s => !s.Amount.IsZero()))
        {
            var reply = at is { } recorded
                ? await Ledger(share.County).ImportAsync(
                    new LedgerImport(QuotaMovementKinds.Reserve, recorded, ReservationId: intent.ReservationId, ProjectCode: projectCode, Amount: ProjectViews.Quota(share.Amount)), project)
                : await Ledger(share.County).ReserveAsync(intent.ReservationId, projectCode, ProjectViews.Quota(share.Amount), project);
            if (reply.Refusal is { } refusal)
            {
                await ReleaseEverywhereAsync(projectCode, intent.ReservationId, [.. reserved.Select(r => r.County)], at);
                return new ReservationResult([], refusal with { Kind = RefusalKind.Conflict });
            }

            reserved.Add(new CountyAllocation(share.County, share.Amount));
        }

        return new ReservationResult(reserved, null);
    }

    /// <summary>Releases a reservation id on every pool; pools that never held it ignore the call.</summary>
    public async Task ReleaseEverywhereAsync(string projectCode, string reservationId, IReadOnlyList<string> counties, DateTimeOffset? at = null)
    {
        foreach (var county in counties)
        {
            _ = at is { } recorded
                ? await Ledger(county).ImportAsync(new LedgerImport(QuotaMovementKinds.Release, recorded, ReservationId: reservationId), ActorInfos.ForProject(projectCode))
                : await Ledger(county).ReleaseAsync(reservationId, ActorInfos.ForProject(projectCode));
        }
    }

    /// <summary>Performs an operation an acknowledged act owes the ledgers; idempotent, so a re-drive is safe.</summary>
    /// <param name="at">The instant of the imported act that owed it, recorded so on the ledgers; null for now.</param>
    public async Task ApplyAsync(string projectCode, LedgerOperation operation, DateTimeOffset? at = null)
    {
        var project = ActorInfos.ForProject(projectCode);
        foreach (var county in operation.Counties)
        {
            var kind = operation.Kind == LedgerOperationKind.Consume ? QuotaMovementKinds.Consume : QuotaMovementKinds.Release;
            var reply = at is { } recorded
                ? await Ledger(county).ImportAsync(new LedgerImport(kind, recorded, ReservationId: operation.ReservationId), project)
                : operation.Kind == LedgerOperationKind.Consume
                    ? await Ledger(county).ConsumeAsync(operation.ReservationId, project)
                    : await Ledger(county).ReleaseAsync(operation.ReservationId, project);
            if (reply.Refusal is { } refusal)
            {
                throw new InvalidOperationException($"Ledger {county} refused to {operation.Kind} {operation.ReservationId}: {refusal.Rule}: {refusal.Detail}");
            }
        }
    }

    private IQuotaLedgerGrain Ledger(string county) => grains.GetGrain<IQuotaLedgerGrain>(county);
}

internal sealed record ReservationResult(IReadOnlyList<CountyAllocation> Allocations, Refusal? Refusal);
