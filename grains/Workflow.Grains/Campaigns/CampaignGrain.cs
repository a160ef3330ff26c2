using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Projections;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>
/// The only writer of one campaign (stream <c>campaign/{id}</c>: <c>campaign-opened</c>, facts the command). Its progress
/// is not state: each reading folds the analytics read model's completions in scope (<see cref="CampaignQueries"/>) with
/// the workflow clock's today, so every silo answers the same and nothing needs keeping in step.
/// </summary>
public sealed class CampaignGrain(
    IAggregateStore store,
    IReadModelDatabase database,
    WorkflowEnvironment environment,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain
{
    private readonly CampaignQueries queries = new(database);
    private Campaign? campaign;
    private DurableCommit commits = null!;

    private string StreamId => CampaignStreams.For(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        commits = new DurableCommit(store, StreamId, Restore, this, logger);
        await commits.LoadAsync(cancellationToken);
    }

    public async Task<CampaignReply> OpenAsync(OpenCampaignCommand command, ActorInfo actor)
    {
        ArgumentNullException.ThrowIfNull(command);
        var who = actor.ToDomain();
        if (CampaignRules.CanOpen(who) is { } forbidden)
        {
            return new CampaignReply(null, forbidden);
        }

        var draft = Draft(command);
        if (campaign is not null)
        {
            if (!CampaignRules.SameTerms(campaign, draft, environment.Templates))
            {
                return new CampaignReply(null, Refusal.Conflict(Rules.CampaignExists, $"Campaign {campaign.Id} was opened with other terms."));
            }

            // Listed again (idempotent): a repeat heals a listing lost between the commit and the registry's.
            await Registry.AddAsync(Summary(campaign));
            return new CampaignReply(await ViewAsync(campaign), null);
        }

        var now = time.GetUtcNow();
        var (created, refusal) = CampaignRules.Open(this.GetPrimaryKeyString(), draft, who, now, environment.Templates);
        if (refusal is not null)
        {
            return new CampaignReply(null, refusal);
        }

        var entry = new StoredEvent(commits.Version + 1, now, who.Id, "campaign-opened", null, null, DomainJson.Serialize(command));
        await commits.CommitAsync(new AggregateCommit(StreamId, commits.Version, DomainJson.SerializeState(created!), [entry]));
        campaign = created;
        await Registry.AddAsync(Summary(campaign!));
        return new CampaignReply(await ViewAsync(campaign!), null);
    }

    public async Task<CampaignReply> GetAsync(ActorInfo actor)
    {
        if (campaign is null || !CampaignRules.CanRead(campaign, actor.ToDomain()))
        {
            // Whoever may not read it learns nothing of it, not even that it exists.
            return new CampaignReply(null, Refusal.NotFound($"No campaign {this.GetPrimaryKeyString()}."));
        }

        return new CampaignReply(await ViewAsync(campaign), null);
    }

    private async Task<CampaignView> ViewAsync(Campaign current)
    {
        var now = time.GetUtcNow();
        var rows = await queries.CompletionsAsync(current);
        var standing = CampaignProgress.Fold(current, rows, WorkingCalendar.LocalDate(now));
        return new CampaignView(
            current.Id, current.Title, current.First, current.Last,
            current.Scope.Projects, current.Scope.Procedure, current.Scope.Steps, current.Scope.Counties,
            current.Target.Completions, current.Target.Rate, current.OpenedBy, current.OpenedAt,
            standing.Completions, standing.OnTimeRate, standing.Verdict,
            [.. standing.Weeks.Select(w => new CampaignWeekView(w.Week, w.First, w.Last, w.Completions, w.Cumulative, w.OnTimeRate, w.CumulativeOnTimeRate, w.TargetLine, w.Verdict))],
            now);
    }

    private static CampaignDraft Draft(OpenCampaignCommand command)
    {
        var target = command.TargetOnTimeRate is null
            ? new CampaignTarget(CampaignTargets.Completions, command.TargetCompletions, null)
            : new CampaignTarget(CampaignTargets.OnTimeRate, command.TargetCompletions, command.TargetOnTimeRate);
        // Steps without a procedure are the land acquisition's, the procedure the dashboard shows by default.
        var steps = command.Steps ?? [];
        var procedure = command.Procedure ?? (steps.Count > 0 ? Procedures.LandAcquisition : null);
        return new CampaignDraft(
            command.Title ?? "",
            command.First,
            command.Last,
            new CampaignScope(command.Projects ?? [], procedure, steps, command.Counties ?? []),
            target);
    }

    private static CampaignSummary Summary(Campaign current) =>
        new(current.Id, current.Title, current.First, current.Last, current.Scope.Counties, current.OpenedAt, null, null);

    private void Restore(AggregateSnapshot? snapshot) =>
        campaign = snapshot is null ? null : DomainJson.Deserialize<Campaign>(snapshot.StateJson);

    private ICampaignRegistryGrain Registry => GrainFactory.GetGrain<ICampaignRegistryGrain>(0);
}

public static class CampaignStreams
{
    public const string Prefix = "campaign/";

    public const string Registry = "registry/campaigns";

    public static string For(string id) => Prefix + id;
}
