using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>One counter per county: serials are handed out once, durably, never twice. The serial
/// runs on across months, so a code is unique even before its month is considered.</summary>
public sealed class ProjectCodeAllocatorGrain(
    IAggregateStore store,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time,
    ILogger<ProjectCodeAllocatorGrain> logger) : Grain, IProjectCodeAllocatorGrain
{
    private DurableCommit commits = null!;
    private int last;

    private string StreamId => ProjectCodeStreams.For(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        commits = new DurableCommit(store, StreamId, Restore, this, logger);
        await commits.LoadAsync(cancellationToken);
    }

    public Task<string> NextCodeAsync(string typeCode) => IssueCodeAsync(typeCode, WorkingCalendar.LocalDate(time.GetUtcNow()));

    public async Task<string> IssueCodeAsync(string typeCode, DateOnly issuedOn)
    {
        // A serial whose commit landed but whose answer was lost is skipped, never handed out twice: the failed
        // commit reloads the counter as stored.
        var next = last + 1;
        await commits.CommitAsync(ProjectCodeStreams.Commit(this.GetPrimaryKeyString(), next, commits.Version));
        last = next;
        return ProjectCode.Create(new DateOnly(issuedOn.Year, issuedOn.Month, 1), this.GetPrimaryKeyString(), typeCode, next % 100_000).Value;
    }

    private void Restore(AggregateSnapshot? snapshot) =>
        last = snapshot is null ? 0 : ProjectCodeStreams.ParseLastSerial(snapshot.StateJson);
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
