using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>
/// The only writer of one inspection (stream <c>inspection/{id}</c>). Each commit stores when a finding's light next
/// changes, so the deadline scheduler wakes it then; a change is recorded as a <c>light</c> event whose facts carry the
/// unit, so the notices projection routes it like a step's light.
/// </summary>
public sealed class InspectionGrain(
    IAggregateStore store,
    WorkflowEnvironment environment,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time,
    ILogger<InspectionGrain> logger) : Grain, IInspectionGrain
{
    private Inspection? inspection;
    private OpenInspectionCommand? opened;
    private DurableCommit commits = null!;

    private string StreamId => InspectionStreams.For(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        commits = new DurableCommit(store, StreamId, Restore, this, logger);
        await commits.LoadAsync(cancellationToken);
    }

    public async Task<InspectionReply> OpenAsync(OpenInspectionCommand command, ActorInfo actor)
    {
        ArgumentNullException.ThrowIfNull(command);
        var who = actor.ToDomain();
        if (InspectionRules.CanOpen(who) is { } forbidden)
        {
            return new InspectionReply(null, forbidden);
        }

        if (inspection is not null)
        {
            return opened == command || Same(command)
                ? new InspectionReply(View(inspection, time.GetUtcNow()), null)
                : new InspectionReply(null, Refusal.Conflict(Rules.InspectionExists, $"Inspection {inspection.Id} was opened with other terms."));
        }

        var now = time.GetUtcNow();
        var draft = new InspectionDraft(command.Title ?? "", command.County, command.Department,
            (command.Findings ?? []).Select(finding => new FindingDraft(finding.Text ?? "", finding.WorkingDays)).ToList());
        var (created, refusal) = InspectionRules.Open(this.GetPrimaryKeyString(), draft, who, now, environment.Clock);
        if (refusal is not null)
        {
            return new InspectionReply(null, refusal);
        }

        InspectionRules.Refresh(created!, now, environment.Clock);
        inspection = created;
        opened = command;
        await CommitAsync(now, [Event(now, who.Id, "inspection-opened", null, null, DomainJson.Serialize(command))]);
        await Registry.AddAsync(Summary(inspection!));
        return new InspectionReply(View(inspection!, now), null);
    }

    public Task<InspectionReply> GetAsync(ActorInfo actor)
    {
        if (inspection is null || !InspectionRules.CanRead(inspection, actor.ToDomain()))
        {
            // Whoever may not read it learns nothing of it, not even that it exists.
            return Task.FromResult(new InspectionReply(null, Refusal.NotFound($"No inspection {this.GetPrimaryKeyString()}.")));
        }

        return Task.FromResult(new InspectionReply(View(inspection, time.GetUtcNow()), null));
    }

    public async Task<InspectionReply> RectifyAsync(string finding, string reason, ActorInfo actor)
    {
        var who = actor.ToDomain();
        if (inspection is null || !InspectionRules.CanRead(inspection, who))
        {
            return new InspectionReply(null, Refusal.NotFound($"No inspection {this.GetPrimaryKeyString()}."));
        }

        var now = time.GetUtcNow();
        var events = LightEvents(now);
        if (InspectionRules.Rectify(inspection, finding, reason, who, now) is { } refusal)
        {
            if (events.Count > 0)
            {
                await CommitAsync(now, events);
            }

            return new InspectionReply(null, refusal);
        }

        events.Add(Event(now, who.Id, "rectified", finding, reason.Trim(), null));
        await CommitAsync(now, events);
        return new InspectionReply(View(inspection, now), null);
    }

    public async Task WakeAsync()
    {
        if (inspection is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var events = LightEvents(now);
        if (events.Count > 0)
        {
            await CommitAsync(now, events);
        }
    }

    /// <summary>The lights that changed by <paramref name="now"/>, as events numbered after what is stored.</summary>
    private List<StoredEvent> LightEvents(DateTimeOffset now)
    {
        var current = inspection!;
        return InspectionRules.Refresh(current, now, environment.Clock)
            .Select(change => new StoredEvent(0, now, Actor.System.Id, "light", change.Finding, null, DomainJson.Serialize(new
            {
                finding = change.Finding,
                from = Lights.Name(change.From),
                to = Lights.Name(change.To),
                county = current.County,
                department = current.Department,
                deadline = change.DueAt,
            })))
            .ToList();
    }

    private async Task CommitAsync(DateTimeOffset now, IReadOnlyList<StoredEvent> events)
    {
        var numbered = events.Select((entry, index) => entry with { Seq = commits.Version + 1 + index }).ToList();
        var state = new InspectionRecord(inspection!, opened);
        var next = InspectionRules.NextChange(inspection!, now, environment.Clock);
        await commits.CommitAsync(new AggregateCommit(StreamId, commits.Version, DomainJson.SerializeState(state), numbered,
            Deadline: new DeadlineChange(next)));
    }

    private StoredEvent Event(DateTimeOffset at, string actor, string kind, string? step, string? reason, string? facts) =>
        new(0, at, actor, kind, step, reason, facts);

    private bool Same(OpenInspectionCommand command) =>
        opened is not null && opened.Title == command.Title && opened.County == command.County && opened.Department == command.Department
        && opened.Findings.SequenceEqual(command.Findings ?? []);

    private void Restore(AggregateSnapshot? snapshot)
    {
        var record = snapshot is null ? null : DomainJson.Deserialize<InspectionRecord>(snapshot.StateJson);
        inspection = record?.Inspection;
        opened = record?.Opened;
    }

    private IInspectionRegistryGrain Registry => GrainFactory.GetGrain<IInspectionRegistryGrain>(0);

    private static InspectionSummary Summary(Inspection inspection) =>
        new(inspection.Id, inspection.Title, inspection.County, inspection.Department, inspection.OpenedAt);

    private InspectionView View(Inspection inspection, DateTimeOffset now) => new(
        inspection.Id, inspection.Title, inspection.County, inspection.Department, inspection.OpenedBy, inspection.OpenedAt,
        inspection.Findings.Select(finding => new FindingView(finding.Id, finding.Text, finding.WorkingDays, finding.IssuedAt, finding.DueAt,
            Lights.Name(finding.Light), finding.RectifiedAt, finding.RectifiedBy, finding.Reason,
            InspectionRules.WorkingDaysLeft(finding, now, environment.Calendar))).ToList());
}

/// <summary>What an inspection's stream stores: the domain state and the command that opened it (for idempotence).</summary>
public sealed record InspectionRecord(Inspection Inspection, OpenInspectionCommand? Opened);

public static class InspectionStreams
{
    public const string Prefix = "inspection/";

    public const string Registry = "registry/inspections";

    public static string For(string id) => Prefix + id;

    public static string? IdOf(string streamId) =>
        streamId.StartsWith(Prefix, StringComparison.Ordinal) ? streamId[Prefix.Length..] : null;
}

internal static class Lights
{
    public static string Name(Light light) => light.ToString().ToLower(CultureInfo.InvariantCulture);
}
