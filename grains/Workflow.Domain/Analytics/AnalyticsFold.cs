using System.Text.Json.Nodes;

namespace Workflow.Domain;

/// <summary>What one event changed, for the read model to write: the visits touched, those completed (their dwell goes
/// into the histograms) and the red lights turned.</summary>
public sealed class FoldChanges
{
    public List<StepVisit> Touched { get; } = [];
    public List<StepVisit> Completed { get; } = [];
    public List<(StepVisit Visit, DateTimeOffset At)> TurnedRed { get; } = [];

    internal void Touch(StepVisit visit)
    {
        if (!Touched.Contains(visit))
        {
            Touched.Add(visit);
        }
    }
}

/// <summary>
/// Folds a project's history (its <c>project/{code}</c> events, in order) into step visits for the analytics read model.
/// The history records acts, not receipt: a step enters its department's queue when its template's prerequisites are
/// settled (done or skipped; pre-review only for the approval kinds that need it), the steps it waits to see started have
/// started, and the owner's documents for it are in, which is exactly when the aggregate receives it (<see cref="Project"/>
/// advances and receives in the same act). Limits, extensions and suspensions are counted with the domain's own
/// <see cref="StepClock"/>; where an event carries the due date the aggregate computed (lights, resumes, extensions,
/// acceptance on receipt), that date wins.
/// </summary>
public sealed class AnalyticsFold(WorkflowEnvironment environment)
{
    private readonly WorkingCalendar calendar = environment.Calendar;
    private readonly StepClock clock = environment.Clock;

    /// <summary>Applies one event; returns the track (new on <c>registered</c>, null while none exists).</summary>
    public ProjectTrack? Apply(ProjectTrack? track, string code, ProjectEvent e, FoldChanges changes)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(changes);
        if (e.Kind == EventKinds.Registered)
        {
            track = Register(code, e);
            Advance(track, e.At, changes);
            return track;
        }

        if (track is null)
        {
            return null;
        }

        var template = environment.Templates.Get(track.TemplateId, track.TemplateVersion);
        var visit = e.Step is { } key ? track.Visits.GetValueOrDefault(key) : null;
        var open = visit is { IsOpen: true } ? visit : null;
        switch (e.Kind)
        {
            case EventKinds.LiaisonAssigned:
                track.Liaison = Text(e.Facts, "liaison");
                break;
            case EventKinds.DocumentSubmitted:
                if (Text(e.Facts, "key") is { } document && !track.Documents.Contains(document))
                {
                    track.Documents.Add(document);
                }

                Advance(track, e.At, changes);
                break;
            case EventKinds.Start when e.Step is not null:
                var started = open ?? OpenVisit(track, template.Step(e.Step), e.At, changes);
                if (started.AcceptedAt is null)
                {
                    started.AcceptedAt = e.At;
                    if (RunsFromAcceptance(template.Step(e.Step)))
                    {
                        started.DueAt = DueFrom(started, e.At);
                    }
                }

                started.State = VisitStates.InProgress;
                changes.Touch(started);
                AddOnce(track.Started, e.Step);
                Advance(track, e.At, changes);
                break;
            case EventKinds.Suspend when open is not null:
                open.SuspendedInAcceptance = open.AcceptedAt is null;
                open.SuspendedAt = e.At;
                open.State = VisitStates.Suspended;
                changes.Touch(open);
                break;
            case EventKinds.Resume when open is { SuspendedAt: { } since }:
                if (open.SuspendedInAcceptance)
                {
                    // The supplement is in: received anew, and a limit counted from acceptance runs provisionally from here.
                    open.WaitSuspendedDays += calendar.WorkingDaysBetween(since, e.At);
                    open.State = VisitStates.Received;
                    if (RunsFromAcceptance(template.Step(open.Step)))
                    {
                        open.DueAt = DueFrom(open, e.At);
                    }
                }
                else
                {
                    open.WorkSuspendedDays += Whole(e.Facts, "suspendedWorkingDays") ?? calendar.WorkingDaysBetween(since, e.At);
                    open.State = VisitStates.InProgress;
                    open.DueAt = Instant(e.Facts, "dueAt") ?? open.DueAt;
                }

                open.SuspendedAt = null;
                open.SuspendedInAcceptance = false;
                changes.Touch(open);
                break;
            case EventKinds.AcceptedOnReceipt when open is not null:
                open.AcceptedAt = Instant(e.Facts, "receivedAt") ?? open.ReceivedAt;
                open.AcceptedOnReceipt = true;
                open.State = VisitStates.InProgress;
                open.DueAt = Instant(e.Facts, "dueAt") ?? open.DueAt;
                changes.Touch(open);
                break;
            case EventKinds.Extend when open is not null:
                open.ExtensionDays = Whole(e.Facts, "workingDays");
                open.DueAt = Instant(e.Facts, "dueAt") ?? open.DueAt;
                changes.Touch(open);
                break;
            case EventKinds.Light when open is not null:
                open.Light = Text(e.Facts, "to") ?? open.Light;
                open.DueAt = Instant(e.Facts, "dueAt") ?? open.DueAt;
                if (open.Light == "red")
                {
                    changes.TurnedRed.Add((open, e.At));
                }

                changes.Touch(open);
                break;
            case EventKinds.Complete when e.Step is not null:
                var done = open ?? OpenVisit(track, template.Step(e.Step), e.At, changes);
                Finish(done, VisitStates.Done, e.At);
                changes.Completed.Add(done);
                changes.Touch(done);
                AddOnce(track.Settled, e.Step);
                AddOnce(track.Started, e.Step);
                switch (template.Step(e.Step).Kind)
                {
                    case StepKind.Filing:
                        track.State = "approved";
                        break;
                    case StepKind.Final:
                        Close(track, "completed", e.At);
                        break;
                }

                Advance(track, e.At, changes);
                break;
            case EventKinds.Reject when e.Step is not null:
                if (open is not null)
                {
                    Finish(open, VisitStates.Rejected, e.At);
                    changes.Touch(open);
                }

                Close(track, "rejected", e.At);
                break;
            case EventKinds.Skipped when e.Step is not null:
                var skipped = open ?? OpenVisit(track, template.Step(e.Step), e.At, changes);
                skipped.State = VisitStates.Skipped;
                skipped.DoneAt = e.At;
                changes.Touch(skipped);
                AddOnce(track.Settled, e.Step);
                AddOnce(track.Started, e.Step);
                Advance(track, e.At, changes);
                break;
            case EventKinds.Reopened when e.Step is not null:
                track.Rounds[e.Step] = Whole(e.Facts, "round") ?? (visit?.Round ?? 1) + 1;
                track.Settled.Remove(e.Step);
                track.Started.Remove(e.Step);
                Advance(track, e.At, changes);
                break;
            case EventKinds.Withdrawn:
                Close(track, "withdrawn", e.At);
                break;
        }

        return track;
    }

    private static ProjectTrack Register(string code, ProjectEvent e) => new()
    {
        Code = code,
        Name = Text(e.Facts, "name"),
        County = Text(e.Facts, "county") ?? "",
        TemplateId = Text(e.Facts, "template") ?? "",
        TemplateVersion = Whole(e.Facts, "version") ?? 1,
        ApprovalLevel = Text(e.Facts, "approvalLevel") ?? ApprovalLevels.Province,
        ApprovalKind = Text(e.Facts, "approvalKind") ?? ApprovalKinds.Approved,
        Procedure = Text(e.Facts, "procedure") ?? Procedures.LandAcquisition,
        Liaison = Text(e.Facts, "liaison"),
        TargetDate = Text(e.Facts, "targetDate") is { } target && DateOnly.TryParse(target, out var date) ? date : null,
        RegisteredAt = e.At,
    };

    /// <summary>Opens a visit to every step the project now has in a department's queue (see the class remarks).</summary>
    private void Advance(ProjectTrack track, DateTimeOffset at, FoldChanges changes)
    {
        if (track.IsClosed)
        {
            return;
        }

        var template = environment.Templates.Get(track.TemplateId, track.TemplateVersion);
        foreach (var definition in template.Steps)
        {
            var round = track.Rounds.GetValueOrDefault(definition.Key, 1);
            if (track.Settled.Contains(definition.Key)
                || (track.Visits.TryGetValue(definition.Key, out var current) && current.Round == round)
                || definition.OnRequest is not null
                || !definition.DependsOn.All(track.Settled.Contains)
                || !definition.DependsOnWhen.Where(d => Requires(track, d.When)).All(d => track.Settled.Contains(d.Step))
                || !definition.DependsOnStart.All(track.Started.Contains)
                || !definition.Documents.All(d => track.Documents.Contains(d.Key)))
            {
                continue;
            }

            OpenVisit(track, definition, at, changes);
        }
    }

    /// <summary>Whether a conditional prerequisite holds: the approval kind is in the history; a track or supply mode is
    /// not, and a step that does not apply to the project is skipped (settled) anyway, so such a condition counts as met.</summary>
    private static bool Requires(ProjectTrack track, ProjectCondition when) =>
        when.ApprovalKinds is null || when.ApprovalKinds.Contains(track.ApprovalKind);

    private StepVisit OpenVisit(ProjectTrack track, StepDefinition definition, DateTimeOffset at, FoldChanges changes)
    {
        var visit = new StepVisit
        {
            Step = definition.Key,
            Round = track.Rounds.GetValueOrDefault(definition.Key, 1),
            Department = definition.DepartmentFor(track.ApprovalLevel),
            ReceivedAt = at,
            TimeLimit = definition.TimeLimitFor(track.ApprovalLevel),
        };
        var clockStart = definition.ClockFrom is { } from ? AnchorOf(track, from) : at;
        visit.DueAt = clockStart is { } start ? DueFrom(visit, start) : null;
        track.Visits[definition.Key] = visit;
        changes.Touch(visit);
        return visit;
    }

    private static DateTimeOffset? AnchorOf(ProjectTrack track, ClockFrom from) => track.Visits.GetValueOrDefault(from.Step) is not { } anchor
        ? null
        : from.Event switch
        {
            StepEvent.Ready => anchor.ReceivedAt,
            StepEvent.Start => anchor.AcceptedAt,
            _ => anchor.State == VisitStates.Done ? anchor.DoneAt : null,
        };

    private static bool RunsFromAcceptance(StepDefinition definition) =>
        definition.ClockFrom is null && definition.ClockStartsAt == ClockStart.Start;

    private DateTimeOffset? DueFrom(StepVisit visit, DateTimeOffset start) =>
        visit.TimeLimit is { } limit ? clock.Extend(clock.DueAt(start, limit), visit.ExtensionDays ?? 0) : null;

    private void Finish(StepVisit visit, string state, DateTimeOffset at)
    {
        if (visit.SuspendedAt is { } since && !visit.SuspendedInAcceptance)
        {
            visit.WorkSuspendedDays += calendar.WorkingDaysBetween(since, at);
        }

        var accepted = visit.AcceptedAt ?? at;
        visit.State = state;
        visit.DoneAt = at;
        visit.SuspendedAt = null;
        visit.WaitDays = Math.Max(0, calendar.WorkingDaysBetween(visit.ReceivedAt, accepted) - visit.WaitSuspendedDays);
        visit.WorkDays = Math.Max(0, calendar.WorkingDaysBetween(accepted, at) - visit.WorkSuspendedDays);

        // Red from the instant it falls due (StepClock.LightAt), so on time means done before it.
        visit.OnTime = state == VisitStates.Done && visit.DueAt is { } due ? at < due : null;
    }

    private static void Close(ProjectTrack track, string state, DateTimeOffset at)
    {
        track.State = state;
        track.ClosedAt = at;
    }

    private static void AddOnce(List<string> list, string key)
    {
        if (!list.Contains(key))
        {
            list.Add(key);
        }
    }

    private static string? Text(JsonObject? facts, string name) =>
        facts?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static int? Whole(JsonObject? facts, string name) =>
        FactValues.TryGetWholeNumber(facts?[name], out var number) ? (int)number : null;

    private static DateTimeOffset? Instant(JsonObject? facts, string name) =>
        facts?[name] is JsonValue value && value.TryGetValue<DateTimeOffset>(out var instant) ? instant
        : Text(facts, name) is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed) ? parsed
        : null;
}
