using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>The list of inspections, a small stream of its own (<c>registry/inspections</c>): a leader sees them all, an
/// officer those of their unit. Inspections are few (a handful a month), so one grain holds the list.</summary>
public sealed class InspectionRegistryGrain(
    IAggregateStore store,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time,
    ILogger<InspectionRegistryGrain> logger) : Grain, IInspectionRegistryGrain
{
    private List<InspectionSummary> summaries = [];
    private DurableCommit commits = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        commits = new DurableCommit(store, InspectionStreams.Registry, Restore, this, logger);
        await commits.LoadAsync(cancellationToken);
    }

    public Task<InspectionListReply> ListAsync(ActorInfo actor)
    {
        var who = actor.ToDomain();
        if (!(who.IsLeader || who.IsAdmin || who.IsOfficer))
        {
            return Task.FromResult(new InspectionListReply(null, Refusal.RoleForbidden("Inspections are read by leaders, administrators and the inspected units' officers.")));
        }

        var visible = summaries
            .Where(summary => InspectionRules.CanRead(new Inspection { County = summary.County, Department = summary.Department }, who))
            .OrderByDescending(summary => summary.OpenedAt)
            .ToList();
        return Task.FromResult(new InspectionListReply(visible, null));
    }

    public async Task AddAsync(InspectionSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summaries.Any(existing => existing.Id == summary.Id))
        {
            return;
        }

        summaries = [.. summaries, summary];
        var entry = new StoredEvent(commits.Version + 1, time.GetUtcNow(), Actor.System.Id, "inspection-listed", null, null, DomainJson.Serialize(summary));
        await commits.CommitAsync(new AggregateCommit(InspectionStreams.Registry, commits.Version, DomainJson.Serialize(summaries), [entry]));
    }

    private void Restore(AggregateSnapshot? snapshot) =>
        summaries = snapshot is null ? [] : DomainJson.Deserialize<List<InspectionSummary>>(snapshot.StateJson);
}
