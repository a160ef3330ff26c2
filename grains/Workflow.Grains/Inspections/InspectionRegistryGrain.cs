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
    private DurableList<InspectionSummary> summaries = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        summaries = new DurableList<InspectionSummary>(store, InspectionStreams.Registry, "inspection-listed", summary => summary.Id, time, this, logger);
        return summaries.LoadAsync(cancellationToken);
    }

    public Task<InspectionListReply> ListAsync(ActorInfo actor)
    {
        var who = actor.ToDomain();
        if (!(who.IsLeader || who.IsAdmin || who.IsOfficer))
        {
            return Task.FromResult(new InspectionListReply(null, Refusal.RoleForbidden("Inspections are read by leaders, administrators and the inspected units' officers.")));
        }

        var visible = summaries.Entries
            .Where(summary => InspectionRules.CanRead(new Inspection { County = summary.County, Department = summary.Department }, who))
            .OrderByDescending(summary => summary.OpenedAt)
            .ToList();
        return Task.FromResult(new InspectionListReply(visible, null));
    }

    public Task AddAsync(InspectionSummary summary) => summaries.AddAsync(summary);
}
