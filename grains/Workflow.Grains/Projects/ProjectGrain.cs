using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>
/// The only writer of one project. Each command loads nothing (state stays in memory while active),
/// calls the domain, and acknowledges only after the new state, its history, the index row and the
/// next deadline are durable in one commit.
/// </summary>
/// <remarks>
/// Quota crosses grains, so it follows two rules that make a crash between ledger and project safe:
/// a reservation's intent is persisted before any ledger is called and, if the grain dies before the
/// reservation is acknowledged, the next activation releases it on every pool it named (reservation
/// ids are never reused, and ledgers are idempotent by id); consumption and release owed by an
/// acknowledged act sit in an outbox in the same commit as the act and are re-driven until the
/// ledgers confirm.
/// </remarks>
public sealed class ProjectGrain(
    IAggregateStore store,
    WorkflowEnvironment environment,
    IStaffRoster roster,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time,
    LandFlowMetrics metrics,
    ILogger<ProjectGrain> logger) : Grain, IProjectGrain, IIncomingGrainCallFilter
{
    private Project? project;
    private DurableCommit commits = null!;

    // What the last commit of this activation left in the store; null when unknown (after activation
    // or a failed commit), so that the next commit writes the index row and deadline in full.
    private ProjectStoredRows? stored;

    private string Code => this.GetPrimaryKeyString();

    private string StreamId => ProjectStreams.For(Code);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        commits = new DurableCommit(store, StreamId, Restore, this, logger);
        await commits.LoadAsync(cancellationToken);
    }

    /// <summary>
    /// Any code that parses can be asked for, so a read or a refused command of one never registered must not
    /// leave an activation behind (holding memory until collected): without a project, the grain goes when idle.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        finally
        {
            if (project is null)
            {
                DeactivateOnIdle();
            }
        }
    }

    public async Task<ProjectReply> RegisterAsync(RegisterProjectCommand command, ActorInfo actor)
    {
        if (project is not null)
        {
            return Refuse(EventKinds.Registered, null, Refusal.Conflict(Rules.ProjectExists, $"Project {Code} already exists."));
        }

        if (!ProjectCode.TryParse(Code, out var code, out var codeError))
        {
            return Refuse(EventKinds.Registered, null, Refusal.Invalid(Rules.InvalidCode, codeError));
        }

        if (InputLimits.CheckFacts(command.FactsJson) is { } tooMuch)
        {
            return Refuse(EventKinds.Registered, null, tooMuch);
        }

        var registration = ProjectRegistrations.From(command);
        var registered = Project.Register(code, registration, actor.ToDomain(), Now, environment, out var refusal);
        if (registered is null)
        {
            return Refuse(EventKinds.Registered, null, refusal!);
        }

        if (registration.Liaison is { } liaison && LiaisonRules.Check(liaison, roster.IsLiaison) is { } unknownLiaison)
        {
            return Refuse(EventKinds.Registered, null, unknownLiaison);
        }

        // A failed commit puts back what is durable: nothing, or the registration if it landed after all.
        project = registered;
        await PersistAsync();

        metrics.Accepted(EventKinds.Registered, null);
        return ProjectReply.Of(ProjectViews.From(registered));
    }

    public async Task<ProjectReply> GetAsync(ActorInfo actor)
    {
        if (await VisibleAfterPendingAsync(actor) is not { } current)
        {
            return ProjectReply.Refused(NotFound());
        }

        return ProjectReply.Of(ProjectViews.From(current));
    }

    public async Task<HistoryReply> GetHistoryAsync(ActorInfo actor, HistoryQuery? query = null)
    {
        if (Visible(actor) is null)
        {
            return new HistoryReply(null, NotFound());
        }

        var asked = query ?? new HistoryQuery();
        if (HistoryPage.Create(asked.After, asked.Before, asked.Limit, asked.NewestFirst, out var invalid) is not { } page)
        {
            return new HistoryReply(null, invalid!);
        }

        // Only the page is read, and it stops early at the byte budget: a long history or large reasons
        // never make one answer larger than an Orleans message or a gateway's memory should hold.
        var read = await store.ReadEventPageAsync(StreamId, new EventPageQuery(page.Cursor, page.NewestFirst, page.Limit, InputLimits.MaxHistoryPageBytes));
        var items = read.Events.Select(e => new HistoryEntryView(e.Seq, e.At, e.Actor, e.Kind, e.Step, e.Reason, e.FactsJson)).ToList();
        return new HistoryReply(items, null, read.HasMore ? items[^1].Seq : null);
    }

    public async Task<ProjectReply> ActAsync(StepActionCommand command, ActorInfo actor)
    {
        if (await VisibleAfterPendingAsync(actor) is not { } current)
        {
            return ProjectReply.Refused(NotFound());
        }

        if (InputLimits.CheckStepAction(command.Reason, command.FactsJson) is { } tooMuch)
        {
            return Refuse(command.Action, command.Step, tooMuch);
        }

        var facts = DomainJson.ParseFacts(command.FactsJson, out var factsError);
        if (factsError is not null)
        {
            return Refuse(command.Action, command.Step, Refusal.Invalid(Rules.FactInvalid, factsError));
        }

        if (command.Action == StepActions.Reserve)
        {
            return await ReserveAsync(current, command, facts, actor.ToDomain());
        }

        var refusal = current.Act(command.Step, command.Action, actor.ToDomain(), command.Reason, facts, Now);
        if (refusal is not null)
        {
            return Refuse(command.Action, command.Step, refusal);
        }

        await PersistAsync();
        metrics.Accepted(command.Action, command.Step);
        await DrivePendingAsync();

        // The act is durable; a follow-up commit that failed since has put back the stored project, which holds it.
        return ProjectReply.Of(ProjectViews.From(project ?? current));
    }

    public Task<ProjectReply> SubmitDocumentAsync(string documentKey, ActorInfo actor) =>
        ApplyAsync(EventKinds.DocumentSubmitted, actor, (p, a) => InputLimits.CheckDocumentKey(documentKey) ?? p.SubmitDocument(documentKey, a, Now));

    public Task<ProjectReply> WithdrawAsync(string? reason, ActorInfo actor) =>
        ApplyAsync(EventKinds.Withdrawn, actor, (p, a) => InputLimits.CheckReason(reason) ?? p.Withdraw(a, reason, Now));

    public Task<ProjectReply> AssignLiaisonAsync(string liaison, ActorInfo actor) =>
        ApplyAsync(EventKinds.LiaisonAssigned, actor, (p, a) => p.AssignLiaison(liaison, a, Now, roster.IsLiaison));

    public async Task WakeAsync()
    {
        if (project is null)
        {
            return;
        }

        await DrivePendingAsync();
        var before = project.Uncommitted.Count;
        project.RefreshLights(Now);
        foreach (var change in project.Uncommitted.Skip(before).Where(e => e.Kind == EventKinds.Light))
        {
            metrics.LightChanged(change.Step ?? "", change.Facts?["to"]?.GetValue<string>() ?? "");
        }

        // Persist even without a change: the stored deadline must move on, or the scheduler would wake us again.
        await PersistAsync();
    }

    private async Task<ProjectReply> ApplyAsync(string kind, ActorInfo actor, Func<Project, Actor, Refusal?> command)
    {
        if (await VisibleAfterPendingAsync(actor) is not { } current)
        {
            return ProjectReply.Refused(NotFound());
        }

        if (command(current, actor.ToDomain()) is { } refusal)
        {
            return Refuse(kind, null, refusal);
        }

        await PersistAsync();
        metrics.Accepted(kind, null);
        await DrivePendingAsync();

        // The act is durable; a follow-up commit that failed since has put back the stored project, which holds it.
        return ProjectReply.Of(ProjectViews.From(project ?? current));
    }

    private async Task<ProjectReply> ReserveAsync(Project current, StepActionCommand command, System.Text.Json.Nodes.JsonObject? facts, Actor actor)
    {
        var counties = facts?["counties"] switch
        {
            null => null,
            System.Text.Json.Nodes.JsonArray array when array.All(n => n is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out _)) =>
                array.Select(n => n!.GetValue<string>()).ToList(),
            _ => (List<string>?)[],
        };
        if (counties is { Count: 0 } && facts?["counties"] is not null)
        {
            return Refuse(command.Action, command.Step, Refusal.Invalid(Rules.FactInvalid, "facts.counties must be a non-empty array of county codes."));
        }

        // An earlier reservation that was never acknowledged is undone first (DrivePendingAsync); if its ledgers are
        // still out of reach, a new one must wait, or the old one would be forgotten while a ledger may hold it.
        if (current.State.PendingReservation is { } undone)
        {
            return LedgerUnavailable(command, $"Reservation {undone.ReservationId} is still being undone; nothing was reserved.");
        }

        var refusal = current.BeginReservation(command.Step, actor, counties, Now, out var intent);
        if (refusal is not null)
        {
            return Refuse(command.Action, command.Step, refusal);
        }

        // The intent is durable before any ledger moves: a crash from here on is undone on reactivation.
        await PersistAsync();
        try
        {
            var reservation = await new QuotaReservation(GrainFactory).ReserveAsync(current.State.Code, intent!);
            if (reservation.Refusal is { } shortfall)
            {
                current.AbandonReservation();
                await PersistAsync();
                return Refuse(command.Action, command.Step, shortfall);
            }

            current.CompleteReservation(reservation.Allocations, actor, command.Reason, Now);
            await PersistAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Reservation {Reservation} of {Project} failed midway; the next activation releases it.", intent!.ReservationId, Code);
            DeactivateOnIdle();
            if (GrainFailures.Classify(ex) == GrainFailure.None)
            {
                throw;
            }

            // A ledger's silo was lost: the reservation was not acknowledged and is undone, so the caller may send it again.
            return LedgerUnavailable(command, $"A quota ledger was lost with its silo; reservation {intent.ReservationId} is undone and nothing was reserved.");
        }

        metrics.Accepted(command.Action, command.Step);
        return ProjectReply.Of(ProjectViews.From(current));
    }

    /// <summary>Finishes what an earlier activation left: an unacknowledged reservation is released,
    /// owed ledger operations are performed. Failures leave them for the next call.</summary>
    private async Task DrivePendingAsync()
    {
        if (project is null || (project.State.PendingReservation is null && project.State.PendingLedgerOperations.Count == 0))
        {
            return;
        }

        try
        {
            var ledgers = new QuotaReservation(GrainFactory);
            if (project.State.PendingReservation is { } intent)
            {
                await ledgers.ReleaseEverywhereAsync(Code, intent.ReservationId, intent.Pools);
                project.AbandonReservation();
                await PersistAsync();
                logger.LogInformation("Released unacknowledged reservation {Reservation} of {Project}.", intent.ReservationId, Code);
            }

            foreach (var operation in project.State.PendingLedgerOperations.ToList())
            {
                await ledgers.ApplyAsync(Code, operation);
                project.LedgerOperationDone(operation, Now);
                await PersistAsync();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException && commits.InStep)
        {
            // A ledger call changes nothing here before it succeeds, and a failed commit has already put back what
            // is durable; only if that was impossible must the failure reach the caller.
            logger.LogWarning(ex, "Quota follow-up of {Project} failed; it is retried on the next call or activation.", Code);
        }
    }

    private async Task PersistAsync()
    {
        var current = project ?? throw new InvalidOperationException("No project to persist.");
        var commit = ProjectCommits.Build(current, commits.Version, Now, stored);
        var started = Stopwatch.GetTimestamp();
        await commits.CommitAsync(commit);
        metrics.Committed(Stopwatch.GetElapsedTime(started));
        stored = ProjectCommits.After(commit, stored);
        current.MarkCommitted();
    }

    /// <summary>Puts the project back as stored; the index row and deadline are then unknown, so written in full next.</summary>
    private void Restore(AggregateSnapshot? snapshot)
    {
        stored = null;
        project = snapshot is null ? null : Project.Rehydrate(DomainJson.Deserialize<ProjectState>(snapshot.StateJson), environment);
    }

    /// <summary>Drives what earlier calls left pending, then answers the project as it is now: a commit that failed
    /// meanwhile has put back the stored one.</summary>
    private async Task<Project?> VisibleAfterPendingAsync(ActorInfo actor)
    {
        if (Visible(actor) is null)
        {
            return null;
        }

        await DrivePendingAsync();
        return Visible(actor);
    }

    private Project? Visible(ActorInfo actor) =>
        project is not null && AccessPolicy.CanSee(actor.ToDomain(), project.State) ? project : null;

    private Refusal NotFound() => Refusal.NotFound($"No project {Code}.");

    private ProjectReply LedgerUnavailable(StepActionCommand command, string detail)
    {
        metrics.Refused(command.Action, command.Step, Rules.QuotaLedgerUnavailable);
        return ProjectReply.Refused(Refusal.Unavailable(Rules.QuotaLedgerUnavailable, detail + " Send the reservation again."));
    }

    private ProjectReply Refuse(string kind, string? step, Refusal refusal)
    {
        metrics.Refused(kind, step, refusal.Rule);
        return ProjectReply.Refused(refusal);
    }

    private DateTimeOffset Now => time.GetUtcNow();

}

public static class ProjectStreams
{
    public const string Prefix = "project/";

    public static string For(string code) => Prefix + code;

    public static string? CodeOf(string streamId) =>
        streamId.StartsWith(Prefix, StringComparison.Ordinal) ? streamId[Prefix.Length..] : null;
}
