using Workflow.Contracts;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>One counter per month and county: serials are handed out once, durably, never twice.</summary>
public sealed class ProjectCodeAllocatorGrain(IAggregateStore store) : Grain, IProjectCodeAllocatorGrain
{
    private long version;
    private int last;

    private string StreamId => "codes/" + this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(StreamId, cancellationToken) is { } snapshot)
        {
            version = snapshot.Version;
            last = int.Parse(snapshot.StateJson, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public async Task<int> NextSerialAsync()
    {
        var next = last + 1;
        await store.CommitAsync(new AggregateCommit(StreamId, version, next.ToString(System.Globalization.CultureInfo.InvariantCulture), []));
        version++;
        last = next;
        return next;
    }
}
