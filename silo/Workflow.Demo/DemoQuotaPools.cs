using Workflow.Domain;

namespace Workflow.Demo;

/// <summary>
/// The five county pools as the script plans them: what the officers see in the pools when they choose where to draw
/// from (指标调剂), and which reservations the pools can cover. A plan only: the seeder makes every deposit,
/// reservation, consumption and release through the ledger grains, which run the same rules in the same order.
/// </summary>
internal sealed class DemoQuotaPools : IDemoQuotaDesk
{
    private readonly Dictionary<string, CountyQuotaLedger> ledgers;
    private readonly List<(DateTimeOffset At, string County, QuotaLot Lot)> deposits = [];

    public DemoQuotaPools(FarmlandBalanceRuleBook ruleBook)
    {
        ledgers = DemoCounties.All.ToDictionary(c => c.Code, c => new CountyQuotaLedger(c.Code, ruleBook), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<CountyQuotaLedger> Ledgers => ledgers.Values;

    /// <summary>The lots deposited, in the order they were.</summary>
    public IReadOnlyList<(DateTimeOffset At, string County, QuotaLot Lot)> Deposits => deposits;

    /// <summary>Reservations the pools could not cover (the project waits at its farmland balance).</summary>
    public int Shortfalls { get; private set; }

    public void Deposit(string county, QuotaLot lot, DateTimeOffset at)
    {
        Require(county, ledgers[county].DepositLot(lot, at), $"deposit {lot.LotId}");
        deposits.Add((at, county, lot));
    }

    public IReadOnlyList<string> ExtraPoolsFor(string county, QuotaAmount required)
    {
        var covered = ledgers[county].Available;
        var extra = new List<string>();
        foreach (var other in ledgers.Values.Where(l => l.County != county).OrderByDescending(l => l.Available.PaddyMu).ThenBy(l => l.County, StringComparer.Ordinal))
        {
            if (covered.Covers(required))
            {
                break;
            }

            extra.Add(other.County);
            covered += other.Available;
        }

        return extra;
    }

    public IReadOnlyList<CountyAllocation>? Reserve(string projectCode, PendingReservation intent, DateTimeOffset at)
    {
        var plan = ReservationPlanner.Plan(intent.Required, [.. intent.Pools.Select(c => (c, ledgers[c].Available))]);
        if (!plan.Succeeded)
        {
            Shortfalls++;
            return null;
        }

        var allocations = new List<CountyAllocation>();
        foreach (var share in plan.Shares)
        {
            Require(share.County, ledgers[share.County].Reserve(intent.ReservationId, projectCode, share.Amount, at), $"reserve {intent.ReservationId}");
            allocations.Add(new CountyAllocation(share.County, share.Amount));
        }

        return allocations;
    }

    public void Settle(string projectCode, LedgerOperation operation, DateTimeOffset at)
    {
        foreach (var county in operation.Counties)
        {
            var ledger = ledgers[county];
            var outcome = operation.Kind == LedgerOperationKind.Consume
                ? ledger.Consume(operation.ReservationId, at)
                : ledger.Release(operation.ReservationId, at);
            Require(county, outcome, $"{operation.Kind} {operation.ReservationId}");
        }
    }

    private static void Require(string county, QuotaOutcome outcome, string what)
    {
        if (!outcome.IsApplied)
        {
            throw new InvalidOperationException($"Demo ledger {county} did not apply {what}: {outcome.Kind} {outcome.Refusal?.Rule} {outcome.Refusal?.Detail}");
        }
    }
}
