using Microsoft.Extensions.DependencyInjection;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>One counter per county: serials are handed out once, durably, never twice. The serial
/// runs on across months, so a code is unique even before its month is considered.</summary>
public sealed class ProjectCodeAllocatorGrain(
    IAggregateStore store,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time) : Grain, IProjectCodeAllocatorGrain
{
    private long version;
    private int last;

    private string StreamId => ProjectCodeStreams.For(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(StreamId, cancellationToken) is { } snapshot)
        {
            version = snapshot.Version;
            last = ProjectCodeStreams.ParseLastSerial(snapshot.StateJson);
        }
    }

    public async Task<string> NextCodeAsync(string typeCode)
    {
        var next = last + 1;
        await store.CommitAsync(ProjectCodeStreams.Commit(this.GetPrimaryKeyString(), next, version));
        version++;
        last = next;
        var month = WorkingCalendar.LocalDate(time.GetUtcNow());
        return ProjectCode.Create(new DateOnly(month.Year, month.Month, 1), this.GetPrimaryKeyString(), typeCode, next % 100_000).Value;
    }
}

/// <summary>A county's code counter as stored: stream <c>codes/{county}</c>, the last serial handed
/// out as a plain integer.</summary>
public static class ProjectCodeStreams
{
    public static string For(string county) => "codes/" + county;

    public static AggregateCommit Commit(string county, int lastSerial, long expectedVersion) =>
        new(For(county), expectedVersion, lastSerial.ToString(System.Globalization.CultureInfo.InvariantCulture), []);

    public static int ParseLastSerial(string stateJson) => int.Parse(stateJson, System.Globalization.CultureInfo.InvariantCulture);
}
