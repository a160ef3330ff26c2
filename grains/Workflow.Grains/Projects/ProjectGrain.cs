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
public sealed partial class ProjectGrain(
    IAggregateStore store,
    WorkflowEnvironment environment,
    IStaffRoster roster,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time,
    LandFlowMetrics metrics,
    TimeProvider waitClock,
    ILogger<ProjectGrain> logger) : Grain, IProjectGrain, IIncomingGrainCallFilter
{
    private Project? project;

    // The last forecast, for the version, day and histograms it was made from: a status read reuses it until the project
    // changes, the day turns or the silo's histograms change (a simulation costs milliseconds; a read must not).
    private (long Version, DateOnly Day, DwellSamples Samples, ProjectForecast? Forecast)? forecast;
    private DurableCommit commits = null!;

    // Completed (and replaced) after every commit or reload: what the long polls of WaitForChangeAsync wait on.
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Below the Orleans response timeout (30 s), so a long poll answers before the call would time out.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(25);

    // What the last commit of this activation left in the store; null when unknown (after activation
    // or a failed commit), so that the next commit writes the index row and deadline in full.
    private ProjectStoredRows? stored;

    // An import said more of its record follows: its lights stand at its last act, and a wake must not record one at now
    // before the rest of the record arrives (in memory only: a new activation simply refreshes lights as usual).
    private bool importContinues;

    // A live import is settling its quota work as it goes: its intermediate commits set no due-now deadline, so the
    // scheduler does not wake the project in between (a wake would only wait, then commit once more for nothing).
    private bool importing;

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

        return ProjectReply.Of(ProjectViews.From(current) with { Forecast = await ForecastAsync(current) });
    }

    public async Task<ProjectWatchReply> WaitForChangeAsync(ActorInfo actor, long afterVersion, TimeSpan timeout)
    {
        // Interleaved with the acts: it only reads, and drives nothing pending (that would commit beside an act).
        if (Visible(actor) is null)
        {
            return new ProjectWatchReply(null, NotFound());
        }

        if (commits.Version <= afterVersion)
        {
            // Real time, not the workflow clock (which the dev routes move): the wait is the caller's, not the project's.
            var wait = timeout > MaxWait ? MaxWait : timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout;
            if (wait > TimeSpan.Zero)
            {
                var next = changed.Task;
                await Task.WhenAny(next, Task.Delay(wait, waitClock));
            }

            if (commits.Version <= afterVersion)
            {
                return new ProjectWatchReply(null, null);
            }
        }

        // Seen again after the wait: what the caller may see is decided on the project as it is now.
        return Visible(actor) is { } current
            ? new ProjectWatchReply(await StatusAsync(current), null)
            : new ProjectWatchReply(null, NotFound());
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

    public Task<ProjectReply> ChaseAsync(string step, string? reason, ActorInfo actor) =>
        ApplyAsync(EventKinds.Chase, actor, (p, a) => InputLimits.CheckReason(reason) ?? p.Chase(step, a, reason, Now));

    public async Task WakeAsync()
    {
        if (project is null)
        {
            return;
        }

        await DrivePendingAsync();
        if (importContinues)
        {
            // Move the stored deadline on without a light: the import's last part brings the lights up to now.
            await PersistAsync();
            return;
        }

        var before = project.Uncommitted.Count;
        project.RefreshLights(Now);
        foreach (var change in project.Uncommitted.Skip(before).Where(e => e.Kind == EventKinds.Light))
        {
            metrics.LightChanged(change.Step ?? "", change.Facts?["to"]?.GetValue<string>() ?? "");
        }

        // Persist even without a change: the stored deadline must move on, or the scheduler would wake us again.
        await PersistAsync();
    }

    public async Task<ProjectReply> ImportAsync(ProjectImport import, ActorInfo actor)
    {
        ArgumentNullException.ThrowIfNull(import);
        var recordedUntil = project is null ? (DateTimeOffset?)null : await LastRecordedAsync();
        if (ProjectImports.Check(actor.ToDomain(), import.Registration?.At, recordedUntil, [.. import.Acts.Select(a => a.At)], Now) is { } invalid)
        {
            return Refuse(ImportKind, null, invalid);
        }

        if (project is not null && import.Registration is not null)
        {
            return Refuse(ImportKind, null, Refusal.Conflict(Rules.ProjectExists, $"Project {Code} already exists; import its further acts without a registration."));
        }

        if (project is null && import.Registration is null)
        {
            return Refuse(ImportKind, null, NotFound());
        }

        var acts = new List<RecordedAct>(import.Acts.Count);
        for (var i = 0; i < import.Acts.Count; i++)
        {
            var act = import.Acts[i];
            var facts = DomainJson.ParseFacts(act.FactsJson, out var factsError);
            var malformed = InputLimits.CheckStepAction(act.Reason, act.FactsJson)
                ?? (factsError is null ? null : Refusal.Invalid(Rules.FactInvalid, factsError));
            if (malformed is not null)
            {
                return Refuse(ImportKind, act.Step, OfAct(i, act.Action, act.Step, malformed, recorded: false));
            }

            acts.Add(new RecordedAct(act.At, act.Actor.ToDomain(), act.Action, act.Step, act.Reason, facts, act.Document));
        }

        // A trial on a copy first: whatever the rules refuse is refused before anything is written or any ledger moves.
        var from = recordedUntil ?? import.Registration!.At;
        if (StartImport(import.Registration, out var unregistered) is not { } trial)
        {
            return Refuse(ImportKind, null, unregistered!);
        }

        if (await ReplayAsync(trial, acts, from, import.Continues, live: false) is { } refused)
        {
            return Refuse(ImportKind, refused.Step, OfAct(refused.Index, acts[refused.Index].Action, refused.Step, refused.Refusal, recorded: false));
        }

        var live = project ?? StartImport(import.Registration, out _)!;
        project = live;
        importing = true;
        (int Index, string? Step, Refusal Refusal)? outcome;
        try
        {
            outcome = await ReplayAsync(live, acts, from, import.Continues, live: true);
            importContinues = import.Continues && outcome is null;
            await PersistAsync();
        }
        finally
        {
            importing = false;
        }

        if (outcome is { } stopped)
        {
            // Only the ledgers can refuse what the trial accepted (a pool short or out of reach): what came before stays recorded.
            return Refuse(ImportKind, stopped.Step, OfAct(stopped.Index, acts[stopped.Index].Action, stopped.Step, stopped.Refusal, recorded: true));
        }

        metrics.Accepted(ImportKind, null);
        return ProjectReply.Of(ProjectViews.From(live));
    }

    /// <summary>The project an import starts from: a copy of this one, or the imported registration.</summary>
    private Project? StartImport(ImportedRegistration? registration, out Refusal? refusal)
    {
        if (registration is null)
        {
            refusal = null;
            return Project.Rehydrate(DomainJson.Deserialize<ProjectState>(DomainJson.SerializeState(project!.State)), environment);
        }

        if (!ProjectCode.TryParse(Code, out var code, out var codeError))
        {
            refusal = Refusal.Invalid(Rules.InvalidCode, codeError);
            return null;
        }

        var command = ProjectRegistrations.From(registration.Command);
        var registered = Project.Register(code, command, registration.Actor.ToDomain(), registration.At, environment, out refusal);
        if (refusal is null && command.Liaison is { } liaison)
        {
            refusal = LiaisonRules.Check(liaison, roster.IsLiaison);
        }

        return refusal is null ? registered : null;
    }

    /// <summary>Replays recorded acts at their instants, each after the light changes that fell due before it. A live replay
    /// reserves on the real ledgers (persisting the intent first, as a live reserve does) and settles what an act owes them
    /// at the act's instant; a trial assumes the project's own pool covers a reservation.</summary>
    private async Task<(int Index, string? Step, Refusal Refusal)?> ReplayAsync(Project target, IReadOnlyList<RecordedAct> acts, DateTimeOffset from, bool continues, bool live)
    {
        for (var i = 0; i < acts.Count; i++)
        {
            var act = acts[i];
            ProjectImports.CatchUpLights(target, from, act.At);
            from = act.At;
            var refusal = act.Action == StepActions.Reserve
                ? await ImportReservationAsync(target, act, live)
                : ProjectImports.Apply(target, act);
            if (refusal is not null)
            {
                return (i, act.Step, refusal);
            }

            foreach (var operation in target.State.PendingLedgerOperations.ToList())
            {
                if (live)
                {
                    // Owed by an act now durable, as the outbox of a live act is.
                    await PersistAsync();
                    await new QuotaReservation(GrainFactory).ApplyAsync(Code, operation, act.At);
                }

                target.LedgerOperationDone(operation, act.At);
            }
        }

        if (!continues)
        {
            ProjectImports.CatchUpLights(target, from, Now);
        }

        return null;
    }

    private async Task<Refusal?> ImportReservationAsync(Project target, RecordedAct act, bool live)
    {
        var counties = Counties(act.Facts, out var malformed);
        if (malformed is not null)
        {
            return malformed;
        }

        if (target.BeginReservation(act.Step ?? "", act.Actor, counties, act.At, out var intent) is { } refusal)
        {
            return refusal;
        }

        if (!live)
        {
            target.CompleteReservation([new CountyAllocation(intent!.Pools[0], intent.Required)], act.Actor, act.Reason, act.At);
            return null;
        }

        // The intent is durable before any ledger moves: a crash from here on is undone on reactivation.
        await PersistAsync();
        try
        {
            var reservation = await new QuotaReservation(GrainFactory).ReserveAsync(Code, intent!, act.At);
            if (reservation.Refusal is { } shortfall)
            {
                target.AbandonReservation();
                return shortfall;
            }

            target.CompleteReservation(reservation.Allocations, act.Actor, act.Reason, act.At);
            return null;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Imported reservation {Reservation} of {Project} failed midway; the next activation releases it.", intent!.ReservationId, Code);
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>The instant of the last event the stored record holds.</summary>
    private async Task<DateTimeOffset?> LastRecordedAsync()
    {
        var last = await store.ReadEventPageAsync(StreamId, new EventPageQuery(null, NewestFirst: true, 1, InputLimits.MaxHistoryPageBytes));
        return last.Events.Count > 0 ? last.Events[0].At : null;
    }

    private static Refusal OfAct(int index, string action, string? step, Refusal refusal, bool recorded) =>
        refusal with
        {
            Detail = $"Act {index} ({action}{(step is null ? "" : " " + step)}): {refusal.Detail}"
                + (recorded ? $" The acts before it are recorded; import from act {index} on." : " Nothing was imported."),
        };

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
        var counties = Counties(facts, out var malformed);
        if (malformed is not null)
        {
            return Refuse(command.Action, command.Step, malformed);
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
            // Another activation's commit (it undoes this reservation) or a fault: the caller learns it as it is.
            if (ex is ConcurrentActivationException || GrainFailures.Classify(ex) == GrainFailure.None)
            {
                throw;
            }

            // A ledger's silo was lost: the reservation was not acknowledged and is undone, so the caller may send it again.
            return LedgerUnavailable(command, $"A quota ledger was lost with its silo; reservation {intent.ReservationId} is undone and nothing was reserved.");
        }

        metrics.Accepted(command.Action, command.Step);
        return ProjectReply.Of(ProjectViews.From(current));
    }

    /// <summary>The extra pools a <c>reserve</c> names in <c>facts.counties</c>, or null for none.</summary>
    private static List<string>? Counties(System.Text.Json.Nodes.JsonObject? facts, out Refusal? malformed)
    {
        var counties = facts?["counties"] switch
        {
            null => null,
            System.Text.Json.Nodes.JsonArray array when array.All(n => n is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out _)) =>
                array.Select(n => n!.GetValue<string>()).ToList(),
            _ => (List<string>?)[],
        };
        malformed = counties is { Count: 0 } && facts?["counties"] is not null
            ? Refusal.Invalid(Rules.FactInvalid, "facts.counties must be a non-empty array of county codes.")
            : null;
        return counties;
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
        var commit = ProjectCommits.Build(current, commits.Version, Now, stored, followUpInHand: importing);
        var started = Stopwatch.GetTimestamp();
        await commits.CommitAsync(commit);
        metrics.Committed(Stopwatch.GetElapsedTime(started));
        stored = ProjectCommits.After(commit, stored);
        current.MarkCommitted();
        WakeWaiters();
    }

    /// <summary>Puts the project back as stored; the index row and deadline are then unknown, so written in full next.</summary>
    private void Restore(AggregateSnapshot? snapshot)
    {
        stored = null;
        project = snapshot is null ? null : Project.Rehydrate(DomainJson.Deserialize<ProjectState>(snapshot.StateJson), environment);
        WakeWaiters();
    }

    /// <summary>Answers the long polls waiting on this activation; the next ones wait on a fresh signal.</summary>
    private void WakeWaiters()
    {
        var woken = changed;
        changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        woken.TrySetResult();
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

    /// <summary>The status with the forecast and each open step's working days left, at the version it was read at.</summary>
    private async Task<ProjectStatusView> StatusAsync(Project current)
    {
        var version = commits.Version;
        var view = ProjectViews.From(current) with { Forecast = await ForecastAsync(current) };
        var today = WorkingCalendar.LocalDate(Now);
        return new ProjectStatusView(version, view, ProjectViews.Due(view, environment.Calendar, today), today);
    }

    /// <summary>The project's forecast (null when closed, or when forecasting failed: a status read never fails for it).</summary>
    private async Task<ProjectForecast?> ForecastAsync(Project current)
    {
        if (current.IsClosed)
        {
            return null;
        }

        try
        {
            var day = WorkingCalendar.LocalDate(Now);
            var forecasts = ServiceProvider.GetRequiredService<ProjectForecasts>();
            var samples = await forecasts.SamplesAsync();
            if (forecast is { } cached && cached.Version == commits.Version && cached.Day == day && ReferenceEquals(cached.Samples, samples))
            {
                return cached.Forecast;
            }

            // Here, from the state this grain holds: no copy of it as JSON to another grain and back.
            var made = forecasts.Forecast(current.State, current.Template, samples);
            forecast = (commits.Version, day, samples, made);
            return made;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Forecast of {Project} failed; the status is served without it.", Code);
            return null;
        }
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

    private const string ImportKind = "import";

}

public static class ProjectStreams
{
    public const string Prefix = "project/";

    public static string For(string code) => Prefix + code;

    public static string? CodeOf(string streamId) =>
        streamId.StartsWith(Prefix, StringComparison.Ordinal) ? streamId[Prefix.Length..] : null;
}
