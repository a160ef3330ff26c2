using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Domain;

/// <summary>
/// The project aggregate: guarded transitions over the steps of its template. Every command either
/// refuses (returning a <see cref="Refusal"/> and changing nothing) or applies and appends history
/// to <see cref="Uncommitted"/> for the caller to persist.
/// </summary>
public sealed class Project
{
    private readonly WorkflowEnvironment environment;
    private readonly List<ProjectEvent> uncommitted = [];

    private Project(ProjectState state, WorkflowTemplate template, WorkflowEnvironment environment)
    {
        State = state;
        Template = template;
        this.environment = environment;
    }

    public ProjectState State { get; }

    public WorkflowTemplate Template { get; }

    public IReadOnlyList<ProjectEvent> Uncommitted => uncommitted;

    public bool IsClosed => State.Status is ProjectStatus.Completed or ProjectStatus.Rejected or ProjectStatus.Withdrawn;

    public static Project Rehydrate(ProjectState state, WorkflowEnvironment environment) =>
        new(state, environment.Templates.Get(state.TemplateId, state.TemplateVersion), environment);

    /// <summary>Registers a project under <paramref name="code"/>; the template follows the application date. A registration
    /// without its own <see cref="ProjectRegistration.Code"/> is under a code the allocator gave.</summary>
    public static Project? Register(
        ProjectCode code,
        ProjectRegistration registration,
        Actor actor,
        DateTimeOffset now,
        WorkflowEnvironment environment,
        out Refusal? refusal)
    {
        var today = WorkingCalendar.LocalDate(now);

        // The procedure (land acquisition unless the registration names another) and its template, by application date.
        refusal = RegistrationPolicy.Check(actor, registration, today, environment.Templates, out var template);
        if (refusal is not null || template is null)
        {
            return null;
        }

        if (registration.Code is not null && registration.Code != code.Value)
        {
            refusal = Refusal.Invalid(Rules.InvalidCode, $"The project is registered under {code.Value}, not the code asked for, {registration.Code}.");
            return null;
        }

        if (code.RegionCode != registration.County)
        {
            refusal = Refusal.Invalid(Rules.InvalidCode, $"The project code's region {code.RegionCode} is not the project's county {registration.County}.");
            return null;
        }

        var appliedOn = registration.AppliedOn ?? today;
        // A procedure approved at a fixed level (or not at all) says so; only land acquisition's level follows the area.
        var level = template.ApprovalLevel
            ?? environment.Rules.ApprovalLevelFor(registration.AreaMu, registration.CultivatedMu, registration.PermanentBasicFarmland);
        var balanceRules = environment.BalanceRules.InForceOn(appliedOn);
        var state = new ProjectState
        {
            Code = code.Value,
            Name = registration.Name.Trim(),
            County = registration.County,
            OwnerUscc = registration.OwnerUscc,
            Type = registration.Type,
            Track = registration.Track,
            SupplyMode = registration.SupplyMode,
            AreaMu = registration.AreaMu,
            CultivatedMu = registration.CultivatedMu,
            PaddyMu = registration.PaddyMu,
            Grade = registration.Grade,
            PermanentBasicFarmland = registration.PermanentBasicFarmland,
            Households = registration.Households,
            Liaison = registration.Liaison,
            Major = registration.Major,
            AppliedOn = appliedOn,
            TargetDate = registration.TargetDate,
            TemplateId = template.Id,
            TemplateVersion = template.Version,
            ApprovalLevel = level,
            RegisteredAt = now,
            Procedure = template.Procedure,
            ProcedureFacts = registration.Facts?.DeepClone().AsObject(),
            Balance = BalanceFor(template, registration, balanceRules),
            Steps = [.. template.Steps.Select(s => new StepState
            {
                Key = s.Key,
                Department = s.DepartmentFor(level),
                TimeLimit = s.TimeLimitFor(level),
            })],
        };

        var project = new Project(state, template, environment);
        project.Append(now, actor, EventKinds.Registered, null, null, new JsonObject
        {
            ["template"] = template.Id,
            ["version"] = template.Version,
            ["approvalLevel"] = level,
            ["county"] = state.County,
            ["ownerUscc"] = state.OwnerUscc,
            ["procedure"] = template.Procedure,
        });

        foreach (var step in template.Steps.Where(s => s.AppliesWhen is { } when && !when.Matches(state.Track, state.SupplyMode)))
        {
            project.Skip(state.FindStep(step.Key)!, now, "Not part of this project's track.");
        }

        project.Advance(now);
        project.RefreshLights(now);
        return project;
    }

    public void MarkCommitted() => uncommitted.Clear();

    /// <summary>The farmland balance a project owes: only a template with a farmland balance step (land acquisition) has
    /// one; for any other procedure it is not applicable, and the status says so.</summary>
    private static BalanceState BalanceFor(WorkflowTemplate template, ProjectRegistration registration, FarmlandBalanceRules balanceRules) =>
        template.Steps.Any(s => s.Kind == StepKind.FarmlandBalance)
            ? new BalanceState { Required = FarmlandBalance.Required(registration.CultivatedMu, registration.PaddyMu, registration.Grade, balanceRules) }
            : new BalanceState { Status = BalanceStatus.NotApplicable };

    /// <summary>Documents the owner still owes, all at once (一次性告知).</summary>
    public IReadOnlyList<(string Step, DocumentDefinition Document)> MissingDocuments() =>
        [.. Template.Steps
            .Where(s => State.FindStep(s.Key) is { Status: not (StepStatus.Skipped or StepStatus.Done or StepStatus.Rejected) })
            .SelectMany(s => s.Documents.Select(d => (s.Key, d)))
            .Where(x => !State.SubmittedDocuments.Contains(x.d.Key))
            .DistinctBy(x => x.d.Key)];

    public Light ProjectLight =>
        State.Steps.Where(s => s.IsOpen).Select(s => s.Light).DefaultIfEmpty(Light.Green).Max();

    public IReadOnlyList<string> OpenStepKeys => [.. State.Steps.Where(s => s.IsOpen).Select(s => s.Key)];

    /// <summary>A step action by an officer: start, suspend, resume, complete or reject.</summary>
    public Refusal? Act(string stepKey, string action, Actor actor, string? reason, JsonObject? facts, DateTimeOffset now)
    {
        if (ReadableBy(actor) is { } hidden)
        {
            return hidden;
        }

        if (Template.Find(stepKey) is not { } definition || State.FindStep(stepKey) is not { } step)
        {
            return Refusal.NotFound($"Template {Template.Id} has no step '{stepKey}'.");
        }

        if (CheckDepartment(actor, step) is { } forbidden)
        {
            return forbidden;
        }

        if (IsClosed)
        {
            return Refusal.Conflict(Rules.ProjectClosed, $"The project is {Names.Of(State.Status)}; no step can change.");
        }

        var refusal = action switch
        {
            StepActions.Start => Start(definition, step, actor, reason, facts, now),
            StepActions.Suspend => Suspend(step, actor, reason, facts, now),
            StepActions.Resume => Resume(step, actor, reason, facts, now),
            StepActions.Complete => Complete(definition, step, actor, reason, facts, now),
            StepActions.Reject => Reject(step, actor, reason, facts, now),
            StepActions.Reserve => Refusal.Invalid(Rules.UnknownAction, "Reserve through the ledger flow (BeginReservation)."),
            _ => Refusal.Invalid(Rules.UnknownAction, $"Unknown action '{action}'; expected one of {string.Join(", ", StepActions.All)}."),
        };

        if (refusal is null)
        {
            RefreshLights(now);
        }

        return refusal;
    }

    /// <summary>Checks a <c>reserve</c> on the farmland balance step and records the intent: the
    /// caller then reserves on the ledgers and calls <see cref="CompleteReservation"/> or
    /// <see cref="AbandonReservation"/>. The intent is persisted first so a crash in between is
    /// re-driven (released) on the next activation.</summary>
    public Refusal? BeginReservation(string stepKey, Actor actor, IReadOnlyList<string>? counties, DateTimeOffset now, out PendingReservation? intent)
    {
        intent = null;
        if (ReadableBy(actor) is { } hidden)
        {
            return hidden;
        }

        if (Template.Find(stepKey) is not { } definition || State.FindStep(stepKey) is not { } step)
        {
            return Refusal.NotFound($"Template {Template.Id} has no step '{stepKey}'.");
        }

        if (definition.Kind != StepKind.FarmlandBalance)
        {
            return Refusal.Invalid(Rules.NotFarmlandStep, $"Only the farmland balance step takes 'reserve'; '{stepKey}' does not.");
        }

        if (CheckDepartment(actor, step) is { } forbidden)
        {
            return forbidden;
        }

        if (IsClosed)
        {
            return Refusal.Conflict(Rules.ProjectClosed, $"The project is {Names.Of(State.Status)}.");
        }

        if (RequireStatus(step, StepStatus.InProgress, "reserve quota on") is { } notInProgress)
        {
            return notInProgress;
        }

        if (State.Balance.Status is BalanceStatus.Reserved or BalanceStatus.Consumed)
        {
            return Refusal.Conflict(Rules.AlreadyBalanced, $"The quota is already {Names.Of(State.Balance.Status)} under {State.Balance.ReservationId}.");
        }

        // A new intent would overwrite the pending one, and a ledger that holds it would never be told to release it.
        if (State.PendingReservation is { } pending)
        {
            return Refusal.Conflict(Rules.ReservationPending, $"Reservation {pending.ReservationId} is still being undone; reserve again once it is.");
        }

        var pools = new List<string> { State.County };
        foreach (var county in counties ?? [])
        {
            if (!Counties.IsKnown(county))
            {
                return Refusal.Invalid(Rules.FactInvalid, $"facts.counties names unknown county '{county}'.");
            }

            if (QuotaAccess.CanDrawOn(actor, county) is { } otherCounty)
            {
                return otherCounty;
            }

            if (!pools.Contains(county))
            {
                pools.Add(county);
            }
        }

        State.ReservationAttempts++;
        intent = new PendingReservation($"{State.Code}#r{State.ReservationAttempts}", pools, State.Balance.Required, now);
        State.PendingReservation = intent;
        return null;
    }

    /// <summary>The ledgers reserved what the intent asked: the project is balanced.</summary>
    public void CompleteReservation(IReadOnlyList<CountyAllocation> allocations, Actor actor, string? reason, DateTimeOffset now)
    {
        var intent = State.PendingReservation ?? throw new InvalidOperationException("No reservation is pending.");
        State.PendingReservation = null;
        State.Balance.Status = BalanceStatus.Reserved;
        State.Balance.ReservationId = intent.ReservationId;
        State.Balance.Allocations = [.. allocations.Where(a => a.Amount != QuotaAmount.Zero)];
        State.Balance.Reserved = allocations.Aggregate(QuotaAmount.Zero, (sum, a) => sum + a.Amount);
        var facts = new JsonObject
        {
            ["reservationId"] = intent.ReservationId,
            ["areaMu"] = State.Balance.Reserved.AreaMu,
            ["paddyMu"] = State.Balance.Reserved.PaddyMu,
            ["capacityKg"] = State.Balance.Reserved.CapacityKg,
            ["counties"] = new JsonArray([.. State.Balance.Allocations.Select(a => (JsonNode?)JsonValue.Create(a.County))]),
        };
        Append(now, actor, EventKinds.Reserve, Template.Steps.First(s => s.Kind == StepKind.FarmlandBalance).Key, reason, facts);
        RefreshLights(now);
    }

    /// <summary>The ledgers refused or failed: forget the intent (whatever was reserved is released by the caller).</summary>
    public void AbandonReservation() => State.PendingReservation = null;

    /// <summary>The ledgers did what an acknowledged act owed them.</summary>
    public void LedgerOperationDone(LedgerOperation operation, DateTimeOffset now)
    {
        if (!State.PendingLedgerOperations.Remove(operation))
        {
            return;
        }

        var kind = operation.Kind == LedgerOperationKind.Consume ? EventKinds.QuotaConsumed : EventKinds.QuotaReleased;
        Append(now, Actor.System, kind, null, null, new JsonObject
        {
            ["reservationId"] = operation.ReservationId,
            ["counties"] = new JsonArray([.. operation.Counties.Select(c => (JsonNode?)JsonValue.Create(c))]),
        });
    }

    public Refusal? SubmitDocument(string key, Actor actor, DateTimeOffset now)
    {
        if (ReadableBy(actor) is { } hidden)
        {
            return hidden;
        }

        if (!actor.IsEnterprise || actor.Uscc != State.OwnerUscc)
        {
            return Refusal.Forbidden(Rules.OwnerOnly, "Only the project's owner submits its documents.");
        }

        if (IsClosed)
        {
            return Refusal.Conflict(Rules.ProjectClosed, $"The project is {Names.Of(State.Status)}.");
        }

        var owed = Template.Steps.SelectMany(s => s.Documents.Select(d => (Step: s.Key, Document: d))).FirstOrDefault(x => x.Document.Key == key);
        if (owed.Document is null)
        {
            return Refusal.Invalid(Rules.UnknownDocument, $"Template {Template.Id} asks for no document '{key}'.");
        }

        if (!State.SubmittedDocuments.Contains(key))
        {
            State.SubmittedDocuments.Add(key);
        }

        Append(now, actor, EventKinds.DocumentSubmitted, owed.Step, null, new JsonObject { ["key"] = key });
        return null;
    }

    public Refusal? Withdraw(Actor actor, string? reason, DateTimeOffset now)
    {
        if (ReadableBy(actor) is { } hidden)
        {
            return hidden;
        }

        if (!actor.IsAdmin && !(actor.IsEnterprise && actor.Uscc == State.OwnerUscc))
        {
            return Refusal.Forbidden(Rules.OwnerOnly, "Only the project's owner or an administrator withdraws it.");
        }

        if (IsClosed)
        {
            return Refusal.Conflict(Rules.ProjectClosed, $"The project is already {Names.Of(State.Status)}.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refusal.Invalid(Rules.ReasonRequired, "A withdrawal needs a reason.");
        }

        Close(ProjectStatus.Withdrawn, now);
        Append(now, actor, EventKinds.Withdrawn, null, reason, ReleaseIfReserved());
        return null;
    }

    /// <param name="isLiaison">Whether the staff roster knows <paramref name="liaison"/> as a liaison.</param>
    public Refusal? AssignLiaison(string liaison, Actor actor, DateTimeOffset now, Func<string, bool> isLiaison)
    {
        ArgumentNullException.ThrowIfNull(isLiaison);
        if (ReadableBy(actor) is { } hidden)
        {
            return hidden;
        }

        if (!actor.IsAdmin && !actor.IsLeader)
        {
            return Refusal.RoleForbidden("Only leaders and administrators assign liaisons.");
        }

        if (LiaisonRules.Check(liaison, isLiaison) is { } unknown)
        {
            return unknown;
        }

        var previous = State.Liaison;
        State.Liaison = liaison;
        Append(now, actor, EventKinds.LiaisonAssigned, null, null, new JsonObject { ["liaison"] = liaison, ["previous"] = previous });
        return null;
    }

    /// <summary>Records light changes due by <paramref name="now"/> (no request needed: the deadline
    /// scheduler calls it). Returns whether anything changed.</summary>
    public bool RefreshLights(DateTimeOffset now)
    {
        var changed = false;
        foreach (var step in State.Steps.Where(s => s.Status is StepStatus.Ready or StepStatus.InProgress))
        {
            var light = environment.Clock.LightAt(step, now);
            if (light != step.Light)
            {
                var from = step.Light;
                step.Light = light;
                changed = true;
                Append(now, Actor.System, EventKinds.Light, step.Key, LightReason(light), new JsonObject
                {
                    ["from"] = Names.Of(from),
                    ["to"] = Names.Of(light),
                    ["dueAt"] = step.DueAt,
                });
            }
        }

        return changed;
    }

    /// <summary>When a light will next change without any request, so a durable timer can wake the project.</summary>
    public DateTimeOffset? NextDeadline(DateTimeOffset now) =>
        IsClosed
            ? null
            : State.Steps.Where(s => s.Status is StepStatus.Ready or StepStatus.InProgress)
                .Select(s => environment.Clock.NextChange(s, now))
                .Where(t => t is not null)
                .Min();

    private static string LightReason(Light light) => light switch
    {
        Light.Red => "Past the statutory time limit (红灯).",
        Light.Yellow => "Close to the statutory time limit (黄灯).",
        _ => "On time.",
    };

    private Refusal? ReadableBy(Actor actor) =>
        AccessPolicy.CanSee(actor, State) ? null : Refusal.NotFound($"No project {State.Code}.");

    private static Refusal? CheckDepartment(Actor actor, StepState step)
    {
        if (!actor.IsOfficer)
        {
            return Refusal.RoleForbidden("Only department officers work steps.");
        }

        return actor.Department == step.Department
            ? null
            : Refusal.Forbidden(Rules.WrongDepartment, $"Step '{step.Key}' belongs to department '{step.Department}', not '{actor.Department}'.");
    }

    private Refusal? RequireStatus(StepState step, StepStatus expected, string verb)
    {
        if (step.Status == expected)
        {
            return null;
        }

        if (step.Status == StepStatus.Waiting)
        {
            return NotReady(step);
        }

        return Refusal.Conflict(Rules.StepState, $"Cannot {verb} step '{step.Key}': it is {Names.Of(step.Status)}, not {Names.Of(expected)}.");
    }

    /// <summary>The most specific reason a waiting step cannot act: a named gate, else plain "not ready".</summary>
    private Refusal NotReady(StepState step)
    {
        var definition = Template.Step(step.Key);
        foreach (var gate in definition.Gates)
        {
            if (gate.Requires.Any(r => State.FindStep(r) is not { IsSettled: true }))
            {
                return Refusal.Conflict(gate.Rule, gate.Detail);
            }
        }

        var pending = definition.DependsOn.Where(d => State.FindStep(d) is not { IsSettled: true });
        return Refusal.Conflict(Rules.StepNotReady, $"Step '{step.Key}' waits for: {string.Join(", ", pending)}.");
    }

    private Refusal? Start(StepDefinition definition, StepState step, Actor actor, string? reason, JsonObject? facts, DateTimeOffset now)
    {
        if (RequireStatus(step, StepStatus.Ready, "start") is { } notReady)
        {
            return notReady;
        }

        if (definition.OnRequest is { } onRequest)
        {
            if (!FactValues.TryGetBoolean(facts?[onRequest.Fact], out var requested))
            {
                return Refusal.Invalid(Rules.FactRequired, $"Starting '{step.Key}' needs facts.{onRequest.Fact} (true to hold it, false to skip it).");
            }

            if (!requested)
            {
                Skip(step, now, reason ?? "Not requested.", actor, facts);
                Advance(now);
                return null;
            }
        }

        var missing = definition.Documents.Where(d => !State.SubmittedDocuments.Contains(d.Key)).ToList();
        if (missing.Count > 0)
        {
            return Refusal.Conflict(Rules.DocumentsMissing, $"The owner has not yet submitted: {string.Join(", ", missing.Select(d => $"{d.Key} ({d.NameZh})"))}.");
        }

        step.Status = StepStatus.InProgress;
        step.StartedAt = now;
        if (definition.ClockStartsAt == ClockStart.Start)
        {
            StartClock(step, now);
        }

        if (definition.MinimumDuration is { } minimum && (minimum.AppliesWhen?.Matches(State.Track, State.SupplyMode) ?? true))
        {
            step.EarliestCompletionAt = environment.Clock.DueAt(now, minimum.AsLimit());
        }

        Append(now, actor, EventKinds.Start, step.Key, reason, facts);
        return null;
    }

    private Refusal? Suspend(StepState step, Actor actor, string? reason, JsonObject? facts, DateTimeOffset now)
    {
        if (RequireStatus(step, StepStatus.InProgress, "suspend") is { } refusal)
        {
            return refusal;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refusal.Invalid(Rules.ReasonRequired, "A request for supplement (补正) must say what is missing.");
        }

        RefreshLights(now);
        step.Status = StepStatus.Suspended;
        step.SuspendedAt = now;
        Append(now, actor, EventKinds.Suspend, step.Key, reason, facts);
        return null;
    }

    private Refusal? Resume(StepState step, Actor actor, string? reason, JsonObject? facts, DateTimeOffset now)
    {
        if (RequireStatus(step, StepStatus.Suspended, "resume") is { } refusal)
        {
            return refusal;
        }

        var suspendedDays = environment.Clock.WorkingDaysBetween(step.SuspendedAt!.Value, now);
        step.Status = StepStatus.InProgress;
        step.SuspendedAt = null;
        step.SuspendedWorkingDays += suspendedDays;
        if (step.DueAt is { } due)
        {
            step.DueAt = environment.Clock.Extend(due, suspendedDays);
        }

        if (step.EarliestCompletionAt is { } earliest)
        {
            step.EarliestCompletionAt = environment.Clock.Extend(earliest, suspendedDays);
        }

        var resumeFacts = facts?.DeepClone().AsObject() ?? [];
        resumeFacts["suspendedWorkingDays"] = suspendedDays;
        resumeFacts["dueAt"] = step.DueAt;
        Append(now, actor, EventKinds.Resume, step.Key, reason, resumeFacts);
        return null;
    }

    private Refusal? Complete(StepDefinition definition, StepState step, Actor actor, string? reason, JsonObject? facts, DateTimeOffset now)
    {
        if (RequireStatus(step, StepStatus.InProgress, "complete") is { } refusal)
        {
            return refusal;
        }

        if (step.EarliestCompletionAt is { } earliest && now < earliest && definition.MinimumDuration is { } minimum)
        {
            return Refusal.Conflict(minimum.Rule, $"Step '{step.Key}' must run at least {minimum.AsLimit()} (until {earliest:yyyy-MM-dd HH:mm zzz}).");
        }

        foreach (var requirement in definition.CompletionFacts)
        {
            if (CheckFact(requirement, reason, facts) is { } factRefusal)
            {
                return factRefusal;
            }
        }

        if (definition.Kind == StepKind.FarmlandBalance && State.Balance.Status != BalanceStatus.Reserved && State.Balance.Required != QuotaAmount.Zero)
        {
            return Refusal.Conflict("farmland-unbalanced", "Reserve supplementary farmland quota covering area, paddy and capacity before completing the balance.");
        }

        step.Status = StepStatus.Done;
        step.CompletedAt = now;
        step.Outcome = "done";
        step.Facts = facts?.DeepClone().AsObject();
        var eventFacts = facts?.DeepClone().AsObject();
        switch (definition.Kind)
        {
            case StepKind.Filing:
                State.Status = ProjectStatus.Approved;
                if (State.Balance.Status == BalanceStatus.Reserved && State.Balance.ReservationId is { } reservation)
                {
                    State.Balance.Status = BalanceStatus.Consumed;
                    State.PendingLedgerOperations.Add(new LedgerOperation(LedgerOperationKind.Consume, reservation, [.. State.Balance.Allocations.Select(a => a.County)]));
                    eventFacts ??= [];
                    eventFacts["quota"] = "consumed";
                }

                break;
            case StepKind.Final:
                Close(ProjectStatus.Completed, now);
                break;
        }

        Append(now, actor, EventKinds.Complete, step.Key, reason, eventFacts);
        CloseWindows(step.Key, now);
        Advance(now);
        return null;
    }

    private Refusal? Reject(StepState step, Actor actor, string? reason, JsonObject? facts, DateTimeOffset now)
    {
        if (!step.IsOpen)
        {
            return step.Status == StepStatus.Waiting
                ? NotReady(step)
                : Refusal.Conflict(Rules.StepState, $"Cannot reject step '{step.Key}': it is {Names.Of(step.Status)}.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refusal.Invalid(Rules.ReasonRequired, "A rejection must give its reason.");
        }

        step.Status = StepStatus.Rejected;
        step.CompletedAt = now;
        step.Outcome = "rejected";
        Close(ProjectStatus.Rejected, now);
        var eventFacts = facts?.DeepClone().AsObject();
        if (ReleaseIfReserved() is { } released)
        {
            eventFacts ??= [];
            foreach (var (key, value) in released)
            {
                eventFacts[key] = value?.DeepClone();
            }
        }

        Append(now, actor, EventKinds.Reject, step.Key, reason, eventFacts);
        return null;
    }

    private Refusal? CheckFact(FactRequirement requirement, string? reason, JsonObject? facts)
    {
        var node = facts?[requirement.Fact];
        if (node is null)
        {
            return Refusal.Invalid(Rules.FactRequired, $"Completing needs facts.{requirement.Fact}.");
        }

        switch (requirement.Kind)
        {
            case FactKind.PositiveNumber:
                if (!FactValues.TryGetNumber(node, out var amount))
                {
                    return Refusal.Invalid(Rules.FactInvalid, $"facts.{requirement.Fact} must be a number.");
                }

                return amount > 0 ? null : Refusal.Conflict(requirement.Rule ?? Rules.FactInvalid, $"facts.{requirement.Fact} must be greater than zero.");
            case FactKind.Boolean:
                return FactValues.TryGetBoolean(node, out var flag) ? requirement.CheckFlag(flag) : Refusal.Invalid(Rules.FactInvalid, $"facts.{requirement.Fact} must be true or false.");
            case FactKind.SignedHouseholds:
                if (!FactValues.TryGetNumber(node, out var households) || households < 0 || households != decimal.Truncate(households) || households > int.MaxValue)
                {
                    return Refusal.Invalid(Rules.FactInvalid, $"facts.{requirement.Fact} must be a whole number of households.");
                }

                var signed = (int)households;
                if (signed > State.Households)
                {
                    return Refusal.Invalid(Rules.FactInvalid, $"facts.{requirement.Fact} is {signed}, more than the {State.Households} households affected.");
                }

                return signed < State.Households && string.IsNullOrWhiteSpace(reason)
                    ? Refusal.Conflict(requirement.Rule ?? Rules.ReasonRequired, $"{State.Households - signed} of {State.Households} households have not signed; explain the holdouts in a reason (they are reported in the filing).")
                    : null;
            default:
                return null;
        }
    }

    private void StartClock(StepState step, DateTimeOffset now)
    {
        step.ClockStartedAt = now;
        step.DueAt = step.TimeLimit is { } limit ? environment.Clock.DueAt(now, limit) : null;
    }

    private void Skip(StepState step, DateTimeOffset now, string reason, Actor? actor = null, JsonObject? facts = null)
    {
        step.Status = StepStatus.Skipped;
        step.CompletedAt = now;
        step.Outcome = "skipped";
        step.DueAt = null;
        step.Light = Light.Green;
        Append(now, actor ?? Actor.System, EventKinds.Skipped, step.Key, reason, facts?.DeepClone().AsObject());
    }

    /// <summary>Steps held only on request whose window closed with <paramref name="completedKey"/> are skipped.</summary>
    private void CloseWindows(string completedKey, DateTimeOffset now)
    {
        foreach (var definition in Template.Steps.Where(s => s.OnRequest?.WindowClosesWith == completedKey))
        {
            var step = State.FindStep(definition.Key)!;
            if (step.Status is StepStatus.Waiting or StepStatus.Ready)
            {
                Skip(step, now, "No hearing was requested within the announcement period.");
            }
        }
    }

    /// <summary>Every waiting step whose dependencies are all done or skipped becomes ready, so
    /// independent steps run in parallel.</summary>
    private void Advance(DateTimeOffset now)
    {
        if (IsClosed)
        {
            return;
        }

        bool progressed;
        do
        {
            progressed = false;
            foreach (var definition in Template.Steps)
            {
                var step = State.FindStep(definition.Key)!;
                if (step.Status != StepStatus.Waiting || !definition.DependsOn.All(d => State.FindStep(d) is { IsSettled: true }))
                {
                    continue;
                }

                if (definition.OnRequest is { } onRequest && State.FindStep(onRequest.WindowClosesWith) is { Status: StepStatus.Done })
                {
                    Skip(step, now, "The request window had closed.");
                    progressed = true;
                    continue;
                }

                step.Status = StepStatus.Ready;
                step.ReadyAt = now;
                if (definition.ClockStartsAt == ClockStart.Ready)
                {
                    StartClock(step, now);
                }

                progressed = true;
            }
        }
        while (progressed);
    }

    private void Close(ProjectStatus status, DateTimeOffset now)
    {
        State.Status = status;
        State.ClosedAt = now;
    }

    private JsonObject? ReleaseIfReserved()
    {
        if (State.Balance.Status != BalanceStatus.Reserved || State.Balance.ReservationId is not { } reservation)
        {
            return null;
        }

        State.Balance.Status = BalanceStatus.Released;
        State.PendingLedgerOperations.Add(new LedgerOperation(LedgerOperationKind.Release, reservation, [.. State.Balance.Allocations.Select(a => a.County)]));
        return new JsonObject { ["quota"] = "released", ["reservationId"] = reservation };
    }

    private void Append(DateTimeOffset at, Actor actor, string kind, string? step, string? reason, JsonObject? facts)
    {
        State.LastSeq++;
        uncommitted.Add(new ProjectEvent(State.LastSeq, at, actor.Id, kind, step, string.IsNullOrWhiteSpace(reason) ? null : reason, facts));
    }
}

public static class StepActions
{
    public const string Start = "start";
    public const string Suspend = "suspend";
    public const string Resume = "resume";
    public const string Complete = "complete";
    public const string Reject = "reject";
    public const string Reserve = "reserve";

    public static IReadOnlyList<string> All { get; } = [Start, Suspend, Resume, Complete, Reject, Reserve];
}
