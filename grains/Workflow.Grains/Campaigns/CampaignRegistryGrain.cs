using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>The list of campaigns, a small stream of its own (<c>registry/campaigns</c>). Campaigns are few (a handful a
/// quarter), so one grain holds the list and asks each campaign for its standing: who may read which campaign, and its
/// verdict, are decided by the campaign itself, in one place.</summary>
public sealed class CampaignRegistryGrain(
    IAggregateStore store,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time,
    ILogger<CampaignRegistryGrain> logger) : Grain, ICampaignRegistryGrain
{
    private DurableList<CampaignSummary> summaries = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        summaries = new DurableList<CampaignSummary>(store, CampaignStreams.Registry, "campaign-listed", summary => summary.Id, time, this, logger);
        return summaries.LoadAsync(cancellationToken);
    }

    public async Task<CampaignListReply> ListAsync(ActorInfo actor)
    {
        var who = actor.ToDomain();
        if (!(who.IsLeader || who.IsAdmin || who.IsOfficer))
        {
            return new CampaignListReply(null, Refusal.RoleForbidden("Campaigns are read by leaders, administrators and the officers of a county a campaign is for."));
        }

        var replies = await Task.WhenAll(summaries.Entries.Select(summary => GrainFactory.GetGrain<ICampaignGrain>(summary.Id).GetAsync(actor)));
        var visible = replies.Where(reply => reply.Campaign is not null).Select(reply => reply.Campaign!)
            .Select(view => new CampaignSummary(view.Id, view.Title, view.First, view.Last, view.Counties, view.OpenedAt, view.Verdict, view.Completions))
            .OrderByDescending(summary => summary.OpenedAt).ThenBy(summary => summary.Id, StringComparer.Ordinal)
            .ToList();
        return new CampaignListReply(visible, null, time.GetUtcNow());
    }

    public Task AddAsync(CampaignSummary summary) => summaries.AddAsync(summary);
}
