using Workflow.Domain;

namespace Workflow.Demo;

/// <summary>Numbers the acts of all demo projects in the order the shared timeline plays them, so the seeder can bring
/// the acts that reach the quota ledgers to them in that same order.</summary>
internal sealed class DemoTimeline
{
    private long last;

    public long Next() => ++last;
}

/// <summary>One act a demo script made: its place on the shared timeline, the act, and whether it reached a quota ledger
/// (a reservation, or an act that consumed or released one).</summary>
internal sealed record DemoRecordedAct(long Sequence, RecordedAct Act, bool TouchesLedger);
