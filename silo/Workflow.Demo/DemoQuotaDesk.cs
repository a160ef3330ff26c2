using Workflow.Domain;

namespace Workflow.Demo;

/// <summary>Where a demo script takes its farmland quota from: the real county ledgers, or (while
/// a script is only being timed) an unlimited stand-in.</summary>
internal interface IDemoQuotaDesk
{
    /// <summary>Other counties to draw on when the project's own pool cannot cover it (指标调剂).</summary>
    IReadOnlyList<string> ExtraPoolsFor(string county, QuotaAmount required);

    /// <summary>Reserves what the intent asks on its pools; null when they cannot cover it.</summary>
    IReadOnlyList<CountyAllocation>? Reserve(string projectCode, PendingReservation intent, DateTimeOffset at);

    /// <summary>Consumes or releases what an acknowledged act owes the ledgers.</summary>
    void Settle(string projectCode, LedgerOperation operation, DateTimeOffset at);
}
