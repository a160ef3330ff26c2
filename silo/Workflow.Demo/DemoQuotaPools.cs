using Workflow.Domain;
using Workflow.Grains;
using Workflow.Storage;

namespace Workflow.Demo;

/// <summary>The five county ledgers as the demo history fills them, with every movement and who
/// made it, in the order they happened.</summary>
internal sealed class DemoQuotaPools : IDemoQuotaDesk
{
    private readonly Dictionary<string, CountyQuotaLedger> ledgers;
    private readonly Dictionary<string, List<(QuotaMovement Movement, string Actor)>> movements;

    public DemoQuotaPools(FarmlandBalanceRuleBook ruleBook)
    {
        ledgers = DemoCounties.All.ToDictionary(c => c.Code, c => new CountyQuotaLedger(c.Code, ruleBook), StringComparer.Ordinal);
        movements = DemoCounties.All.ToDictionary(c => c.Code, _ => new List<(QuotaMovement, string)>(), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<CountyQuotaLedger> Ledgers => ledgers.Values;

    /// <summary>Reservations the pools could not cover (the project waits at its farmland balance).</summary>
    public int Shortfalls { get; private set; }

    public void Deposit(string county, QuotaLot lot, DateTimeOffset at) =>
        Record(county, ledgers[county].DepositLot(lot, at), DemoCast.Admin.Id, $"deposit {lot.LotId}");

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
            Record(share.County, ledgers[share.County].Reserve(intent.ReservationId, projectCode, share.Amount, at),
                QuotaLedgerCommits.ProjectActor(projectCode), $"reserve {intent.ReservationId}");
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
            Record(county, outcome, Actor.System.Id, $"{operation.Kind} {operation.ReservationId}");
        }
    }

    /// <summary>Each ledger's whole history as its first commit.</summary>
    public IEnumerable<AggregateCommit> Commits() =>
        DemoCounties.All.Select(c => QuotaLedgerCommits.Build(ledgers[c.Code], movements[c.Code], expectedVersion: 0));

    private void Record(string county, QuotaOutcome outcome, string actor, string what)
    {
        if (!outcome.IsApplied)
        {
            throw new InvalidOperationException($"Demo ledger {county} did not apply {what}: {outcome.Kind} {outcome.Refusal?.Rule} {outcome.Refusal?.Detail}");
        }

        movements[county].AddRange(outcome.Movements.Select(m => (m, actor)));
    }
}
