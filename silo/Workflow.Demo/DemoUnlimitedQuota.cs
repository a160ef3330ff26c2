using Workflow.Domain;

namespace Workflow.Demo;

/// <summary>Grants every reservation from the project's own county and remembers what the project
/// asked for, which sizes the real pools.</summary>
internal sealed class DemoUnlimitedQuota : IDemoQuotaDesk
{
    public QuotaAmount Reserved { get; private set; } = QuotaAmount.Zero;

    public IReadOnlyList<string> ExtraPoolsFor(string county, QuotaAmount required) => [];

    public IReadOnlyList<CountyAllocation>? Reserve(string projectCode, PendingReservation intent, DateTimeOffset at)
    {
        Reserved += intent.Required;
        return [new CountyAllocation(intent.Pools[0], intent.Required)];
    }

    public void Settle(string projectCode, LedgerOperation operation, DateTimeOffset at)
    {
    }
}
