using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Domain;

/// <summary>
/// The project aggregate: guarded transitions over the steps of its template. Every command either
/// refuses (returning a <see cref="Refusal"/> and changing nothing) or applies and appends history
/// to <see cref="Uncommitted"/> for the caller to persist.
/// </summary>
public sealed partial class Project
{
    /// <summary>The fact that declines a step held on request (<c>start</c> with it false); a held step refuses it.</summary>
    private const string DeclineFact = "requested";

    /// <summary>The agreements' fact naming each unsigned household with its reason.</summary>
    private const string UnsignedFact = "unsigned";

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

        if (!code.MayCodeProjectIn(registration.County))
        {
            refusal = Refusal.Invalid(Rules.InvalidCode, $"The project code's region {code.RegionCode} is outside Zhejiang; a project in {registration.County} bears a code of its county, another county, the city (330500) or the province (330000).");
            return null;
        }

        var appliedOn = registration.AppliedOn ?? today;
        var level = ApprovalLevelOf(template, registration, environment.Rules);
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
            ApprovalKind = registration.ApprovalKind ?? ApprovalKinds.Approved,
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
            ["approvalKind"] = state.ApprovalKind,
            ["county"] = state.County,
            ["ownerUscc"] = state.OwnerUscc,
            ["procedure"] = template.Procedure,

            // What the analytics read model shows of a project; it reads the history only.
            ["name"] = state.Name,
            ["liaison"] = state.Liaison,
            ["targetDate"] = state.TargetDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });

        foreach (var step in template.Steps.Where(s => s.AppliesWhen is { } when && !when.Matches(state)))
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

    /// <summary>A step action by an officer: start, suspend, resume, complete, reject or extend.</summary>
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
            StepActions.Extend => Extend(step, actor, reason, facts, now),
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
        ReceiveComplete(now);
        RefreshLights(now);
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
        // Steps stored before receipt was recorded are received now; received steps whose window passed in silence
        // count as accepted on receipt. Both run on the deadline path, so nobody has to act for them.
        var changed = ReceiveComplete(now);
        foreach (var step in State.Steps.Where(s => s.Status == StepStatus.Received && s.AcceptBy <= now).ToList())
        {
            AcceptOnReceipt(step, now);
            changed = true;
        }

        foreach (var step in State.Steps.Where(s => s.Status is StepStatus.Ready or StepStatus.Received or StepStatus.InProgress))
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
            : State.Steps.Where(s => s.Status is StepStatus.Ready or StepStatus.Received or StepStatus.InProgress)
                .SelectMany(s => new[] { environment.Clock.NextChange(s, now), s.Status == StepStatus.Received ? s.AcceptBy : null })
                .Where(t => t is not null)
                .Min();

    /// <summary>The approval level a registration gets under its template: a procedure approved at a fixed level (or not at
    /// all) says so; only land acquisition's level follows the areas and permanent basic farmland.</summary>
    public static string ApprovalLevelOf(WorkflowTemplate template, ProjectRegistration registration, WorkflowRules rules)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(rules);
        return template.ApprovalLevel ?? rules.ApprovalLevelFor(registration.AreaMu, registration.CultivatedMu, registration.PermanentBasicFarmland);
    }

    /// <summary>Who approves this project's filing (rule book <see cref="ApprovalAuthorityBook"/>) on the day that matters:
    /// the day the filing was decided, else the day it was filed, else the day the project was registered.</summary>
    public ApprovalAuthority? ApprovalAuthority()
    {
        var filing = Template.Steps.FirstOrDefault(s => s.Kind == StepKind.Filing) is { } definition ? State.FindStep(definition.Key) : null;
        var at = filing?.CompletedAt ?? filing?.StartedAt ?? State.RegisteredAt;
        return ApprovalAuthorityBook.Standard.For(State.ApprovalLevel, State.County, WorkingCalendar.LocalDate(at));
    }

    /// <summary>Why <paramref name="step"/>'s due date is uncertain (a year without a calendar), or null.</summary>
    public string? DueUncertainty(StepState step) => environment.Clock.Uncertainty(step);

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

        var pending = RequiredSteps(definition).Where(d => State.FindStep(d) is not { IsSettled: true })
            .Concat(definition.DependsOnStart.Where(d => !HasStarted(d)).Select(d => d + " (to start)"));
        return Refusal.Conflict(Rules.StepNotReady, $"Step '{step.Key}' waits for: {string.Join(", ", pending)}.");
    }

    private Refusal? Start(StepDefinition definition, StepState step, Actor actor, string? reason, JsonObject? facts, DateTimeOffset now)
    {
        // Start is the officer's acceptance (受理) and taking up of the step: of a ready or received step, or of one
        // the law already counts as accepted on receipt (then it moves no clock).
        var acceptedUnstarted = step is { Status: StepStatus.InProgress, StartedAt: null };
        if (!acceptedUnstarted && step.Status != StepStatus.Received && RequireStatus(step, StepStatus.Ready, "start") is { } notReady)
        {
            return notReady;
        }

        if (definition.HeldWhen is { } held && FactValues.TryGetBoolean(facts?[DeclineFact], out var wanted) && !wanted)
        {
            return Refusal.Conflict(held.Rule ?? Rules.StepState, $"Step '{step.Key}' must be held: {HeldBecause(held)}; it cannot be skipped.");
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

        AcceptOnReceiptIfDue(step, now);
        step.Status = StepStatus.InProgress;
        step.StartedAt = now;
        if (step.AcceptedAt is null)
        {
            step.AcceptedAt = now;
            if (ClockRunsFromAcceptance(definition))
            {
                StartClock(step, now);
            }
        }

        if (MinimumApplies(definition) is { } minimum)
        {
            step.EarliestCompletionAt = environment.Clock.DueAt(now, minimum.AsLimit());
        }

        Append(now, actor, EventKinds.Start, step.Key, reason, facts);
        Advance(now);
        return null;
    }

    private Refusal? Suspend(StepState step, Actor actor, string? reason, JsonObject? facts, DateTimeOffset now)
    {
        var inAcceptance = step.Status == StepStatus.Received && !(step.AcceptBy <= now);
        if (!inAcceptance && step.Status != StepStatus.Received && RequireStatus(step, StepStatus.InProgress, "suspend") is { } refusal)
        {
            return refusal;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refusal.Invalid(Rules.ReasonRequired, "A request for supplement (补正) must say what is missing.");
        }

        if (inAcceptance)
        {
            // 一次性告知: during acceptance the department asks once, for everything missing.
            if (step.SupplementRequestedAt is { } asked)
            {
                return Refusal.Conflict(Rules.SupplementAlreadyRequested, $"A supplement was already requested on {asked:yyyy-MM-dd}; the law allows one request, naming everything missing (行政许可法 第三十二条).");
            }

            step.Status = StepStatus.Suspended;
            step.SuspendedAt = now;
            step.SupplementRequestedAt = now;
            var supplementFacts = facts?.DeepClone().AsObject() ?? [];
            supplementFacts["duringAcceptance"] = true;
            Append(now, actor, EventKinds.Suspend, step.Key, reason, supplementFacts);
            return null;
        }

        AcceptOnReceiptIfDue(step, now);
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

        if (step is { SupplementRequestedAt: not null, AcceptedAt: null })
        {
            // The supplement asked for during acceptance is in: the step is received anew, with a new window.
            step.SuspendedAt = null;
            Receive(Template.Step(step.Key), step, now);
            Append(now, actor, EventKinds.Resume, step.Key, reason, facts?.DeepClone().AsObject());
            return null;
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

        // Accepted on receipt but never started: a period that must run (an announcement) has not begun.
        if (step.StartedAt is null && MinimumApplies(definition) is { } unstarted)
        {
            return Refusal.Conflict(unstarted.Rule, $"Step '{step.Key}' must be started and run at least {unstarted.AsLimit()} before it completes.");
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
        if (definition.CompletionFacts.Any(f => f.Kind is FactKind.SignedHouseholds or FactKind.Holdouts) && FactValues.TryGetNumber(facts?["signedHouseholds"], out var signedNow))
        {
            // Holdouts get a compensation decision (浙江条例 第四十五条); a later step may be held on this fact.
            step.Facts!["holdouts"] = State.Households - (int)signedNow;
        }

        var eventFacts = step.Facts?.DeepClone().AsObject();
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
        Reopen(definition, now);
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
            return requirement.Optional ? null : Refusal.Invalid(Rules.FactRequired, $"Completing needs facts.{requirement.Fact}.");
        }

        switch (requirement.Kind)
        {
            case FactKind.PositiveNumber:
                if (!FactValues.TryGetNumber(node, out var amount))
                {
                    return Refusal.Invalid(Rules.FactInvalid, $"facts.{requirement.Fact} must be a number.");
                }

                // A named rule makes a non-positive amount a gate (409); without one it is bad input (400).
                return amount > 0 ? null
                    : requirement.Rule is { } rule ? Refusal.Conflict(rule, $"facts.{requirement.Fact} must be greater than zero.")
                    : Refusal.Invalid(Rules.FactInvalid, $"facts.{requirement.Fact} must be greater than zero.");
            case FactKind.Boolean:
                return FactValues.TryGetBoolean(node, out var flag) ? requirement.CheckFlag(flag) : Refusal.Invalid(Rules.FactInvalid, $"facts.{requirement.Fact} must be true or false.");
            case FactKind.SignedHouseholds:
                if (!FactValues.TryGetWholeNumber(node, out var households))
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
            case FactKind.Count:
                return CheckCount(requirement, node, facts!);
            case FactKind.Covers:
                return CheckCovers(requirement, node);
            case FactKind.Holdouts:
                return CheckHoldouts(requirement, node, facts!);
            default:
                return null;
        }
    }

    private static Refusal? CheckCount(FactRequirement requirement, JsonNode node, JsonObject facts)
    {
        if (!FactValues.TryGetWholeNumber(node, out var count) || count < (requirement.Minimum ?? 0))
        {
            return Refusal.Invalid(Rules.FactInvalid, $"facts.{requirement.Fact} must be a whole number of at least {requirement.Minimum ?? 0}.");
        }

        if (requirement.AtMost is { } atMost && FactValues.TryGetWholeNumber(facts[atMost], out var bound) && count > bound)
        {
            return Refusal.Invalid(Rules.FactInvalid, $"facts.{requirement.Fact} is {count}, more than facts.{atMost} ({bound}).");
        }

        return null;
    }

    /// <summary>The amount must reach what another step recorded (funds in full, 足额: the plan's total), as that
    /// step stands now: while it is being revised there is nothing yet to cover.</summary>
    private Refusal? CheckCovers(FactRequirement requirement, JsonNode node)
    {
        if (!FactValues.TryGetNumber(node, out var amount))
        {
            return Refusal.Invalid(Rules.FactInvalid, $"facts.{requirement.Fact} must be a number.");
        }

        var covers = requirement.Covers ?? throw new InvalidOperationException($"facts.{requirement.Fact} covers nothing.");
        var rule = requirement.Rule ?? Rules.FactInvalid;
        if (State.FindStep(covers.Step) is not { Status: StepStatus.Done } source || !FactValues.TryGetNumber(source.Facts?[covers.Fact], out var total))
        {
            return Refusal.Conflict(rule, $"Step '{covers.Step}' has no {covers.Fact} to cover yet (it is not done, or is being revised).");
        }

        return amount >= total && amount > 0
            ? null
            : Refusal.Conflict(rule, $"facts.{requirement.Fact} is {amount}, short of {covers.Step}'s {covers.Fact} of {total}.");
    }

    /// <summary>Only "个别" households may remain unsigned (浙江省土地管理条例 第四十四条): at most the rule book's share, each named
    /// with its reason so the filing can explain it.</summary>
    private Refusal? CheckHoldouts(FactRequirement requirement, JsonNode node, JsonObject facts)
    {
        if (!FactValues.TryGetWholeNumber(node, out var signed))
        {
            return Refusal.Invalid(Rules.FactInvalid, $"facts.{requirement.Fact} must be a whole number of households.");
        }

        if (signed > State.Households)
        {
            return Refusal.Invalid(Rules.FactInvalid, $"facts.{requirement.Fact} is {signed}, more than the {State.Households} households affected.");
        }

        var unsigned = State.Households - (int)signed;
        if (unsigned == 0)
        {
            return null;
        }

        var share = environment.Rules.MaxUnsignedShare;
        if (unsigned > share * State.Households)
        {
            return Refusal.Conflict(Rules.HoldoutsTooMany,
                $"{unsigned} of {State.Households} households have not signed; at most {share:P0} (个别) may remain unsigned at the filing.");
        }

        if (facts[UnsignedFact] is not JsonArray entries)
        {
            return Refusal.Conflict(requirement.Rule ?? Rules.HoldoutsUnexplained,
                $"{unsigned} households have not signed; name each in facts.{UnsignedFact} as {{\"household\", \"reason\"}} (they are reported in the filing).");
        }

        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry is not JsonObject holdout
                || holdout["household"] is not JsonValue household || household.GetValueKind() != JsonValueKind.String
                || holdout["reason"] is not JsonValue why || why.GetValueKind() != JsonValueKind.String
                || string.IsNullOrWhiteSpace(household.GetValue<string>()) || string.IsNullOrWhiteSpace(why.GetValue<string>()))
            {
                return Refusal.Invalid(Rules.FactInvalid, $"Each entry of facts.{UnsignedFact} is {{\"household\": \"...\", \"reason\": \"...\"}}, both non-empty.");
            }

            if (!named.Add(household.GetValue<string>().Trim()))
            {
                return Refusal.Invalid(Rules.FactInvalid, $"facts.{UnsignedFact} names household '{household.GetValue<string>()}' twice.");
            }
        }

        return named.Count == unsigned
            ? null
            : Refusal.Conflict(requirement.Rule ?? Rules.HoldoutsUnexplained,
                $"{unsigned} households have not signed but facts.{UnsignedFact} names {named.Count}; name each with its reason.");
    }

    /// <summary>Why a step with <paramref name="held"/> must be held, or null when nothing says so.</summary>
    private string? HeldBecause(HeldWhen held)
    {
        var facts = State.FindStep(held.Step) is { Status: StepStatus.Done } source ? source.Facts : null;
        foreach (var condition in held.AnyOf)
        {
            if (condition.MoreThanHalfOf is { } whole)
            {
                if (FactValues.TryGetWholeNumber(facts?[condition.Fact], out var part) && FactValues.TryGetWholeNumber(facts?[whole], out var of) && part * 2 > of)
                {
                    return $"{part} of {of} ({condition.Fact} of {whole}, {held.Step}) is more than half";
                }
            }
            else if (facts?[condition.Fact] is { } node
                && ((FactValues.TryGetBoolean(node, out var decided) && decided) || (FactValues.TryGetNumber(node, out var count) && count > 0)))
            {
                return $"{held.Step} recorded {condition.Fact}";
            }
        }

        return null;
    }

    /// <summary>Sends the done steps <paramref name="definition"/> reopens round again (the plan revised and announced
    /// anew after a hearing), and with them every done step whose completion covered one of their facts, since what
    /// it covered may change. Each reopened step waits on its dependencies again; the earlier round stays in history.</summary>
    private void Reopen(StepDefinition definition, DateTimeOffset now)
    {
        if (definition.Reopens.Count == 0)
        {
            return;
        }

        var reopened = new HashSet<string>(definition.Reopens, StringComparer.Ordinal);
        foreach (var covering in Template.Steps.Where(s => s.CompletionFacts.Any(f => f.Covers is { } c && reopened.Contains(c.Step))).ToList())
        {
            reopened.Add(covering.Key);
        }

        foreach (var done in State.Steps.Where(s => reopened.Contains(s.Key) && s.Status == StepStatus.Done).ToList())
        {
            // A new round starts from nothing but what the registration gave the step: it is received, accepted and
            // clocked anew, with its own supplement request and extension.
            var step = new StepState { Key = done.Key, Department = done.Department, TimeLimit = done.TimeLimit, Round = done.Round + 1 };
            State.Steps[State.Steps.IndexOf(done)] = step;
            Append(now, Actor.System, EventKinds.Reopened, step.Key, $"Round {step.Round}, after '{definition.Key}'.",
                new JsonObject { ["round"] = step.Round, ["after"] = definition.Key });
        }
    }

    private void StartClock(StepState step, DateTimeOffset now)
    {
        step.ClockStartedAt = now;
        step.DueAt = step.TimeLimit is { } limit ? environment.Clock.Extend(environment.Clock.DueAt(now, limit), step.ExtendedWorkingDays ?? 0) : null;
    }

    private static bool ClockRunsFromAcceptance(StepDefinition definition) =>
        definition.ClockFrom is null && definition.ClockStartsAt == ClockStart.Start;

    private MinimumDuration? MinimumApplies(StepDefinition definition) =>
        definition.MinimumDuration is { } minimum && (minimum.AppliesWhen?.Matches(State) ?? true) ? minimum : null;

    /// <summary>The owner has submitted what the step needs: the acceptance window opens, and a limit counted from
    /// acceptance runs provisionally from receipt (where it stays if the window passes in silence).</summary>
    private void Receive(StepDefinition definition, StepState step, DateTimeOffset now)
    {
        step.Status = StepStatus.Received;
        step.ReceivedAt = now;
        step.AcceptBy = environment.Clock.DueAt(now, new TimeLimit(environment.Rules.AcceptanceWorkingDays, TimeUnit.WorkingDays));
        if (ClockRunsFromAcceptance(definition))
        {
            StartClock(step, now);
        }
    }

    /// <summary>Receives every ready step whose documents are all in. Steps held on request are not applications.</summary>
    private bool ReceiveComplete(DateTimeOffset now)
    {
        var received = false;
        foreach (var definition in Template.Steps.Where(d => d.OnRequest is null))
        {
            var step = State.FindStep(definition.Key)!;
            if (step.Status == StepStatus.Ready && definition.Documents.All(d => State.SubmittedDocuments.Contains(d.Key)))
            {
                Receive(definition, step, now);
                received = true;
            }
        }

        return received;
    }

    private void AcceptOnReceiptIfDue(StepState step, DateTimeOffset now)
    {
        if (step.Status == StepStatus.Received && step.AcceptBy <= now)
        {
            AcceptOnReceipt(step, now);
        }
    }

    /// <summary>Silence through the acceptance window: the application counts as accepted on receipt, and a limit
    /// counted from acceptance runs from receipt (行政许可法 第三十二条).</summary>
    private void AcceptOnReceipt(StepState step, DateTimeOffset now)
    {
        step.Status = StepStatus.InProgress;
        step.AcceptedAt = step.ReceivedAt;
        step.AcceptedOnReceipt = true;
        Append(now, Actor.System, EventKinds.AcceptedOnReceipt, step.Key,
            $"Neither accepted nor asked for a supplement within {environment.Rules.AcceptanceWorkingDays} working days of receipt: accepted on receipt (行政许可法 第三十二条).",
            new JsonObject { ["receivedAt"] = step.ReceivedAt, ["acceptBy"] = step.AcceptBy, ["dueAt"] = step.DueAt });
    }

    /// <summary>The one statutory extension (延期, 行政许可法 第四十二条): a reason and a number of working days.</summary>
    private Refusal? Extend(StepState step, Actor actor, string? reason, JsonObject? facts, DateTimeOffset now)
    {
        if (step.Status is not (StepStatus.Received or StepStatus.InProgress or StepStatus.Suspended))
        {
            return step.Status == StepStatus.Waiting
                ? NotReady(step)
                : Refusal.Conflict(Rules.StepState, $"Cannot extend step '{step.Key}': it is {Names.Of(step.Status)}.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refusal.Invalid(Rules.ReasonRequired, "An extension (延期) must give its reason.");
        }

        if (facts?["workingDays"] is not { } node)
        {
            return Refusal.Invalid(Rules.FactRequired, "An extension needs facts.workingDays.");
        }

        if (!FactValues.TryGetWholeNumber(node, out var asked) || asked < 1)
        {
            return Refusal.Invalid(Rules.FactInvalid, "facts.workingDays must be a whole number of working days, at least 1.");
        }

        if (step.DueAt is not { } due)
        {
            return Refusal.Conflict(Rules.ExtensionNotApplicable, $"Step '{step.Key}' has no running time limit to extend.");
        }

        if (step.ExtendedWorkingDays is { } granted)
        {
            return Refusal.Conflict(Rules.ExtensionAlreadyGranted, $"Step '{step.Key}' was already extended by {granted} working days; the law allows one extension.");
        }

        var maximum = environment.Rules.MaxExtensionWorkingDays;
        if (asked > maximum)
        {
            return Refusal.Conflict(Rules.ExtensionTooLong, $"An extension is at most {maximum} working days (行政许可法 第四十二条), not {asked}.");
        }

        AcceptOnReceiptIfDue(step, now);
        var days = (int)asked;
        step.ExtendedWorkingDays = days;
        step.DueAt = environment.Clock.Extend(due, days);
        var extendFacts = facts.DeepClone().AsObject();
        extendFacts["previousDueAt"] = due;
        extendFacts["dueAt"] = step.DueAt;
        Append(now, actor, EventKinds.Extend, step.Key, reason, extendFacts);
        return null;
    }

    /// <summary>The steps that must be settled first: the plain dependencies and those that hold for this project.</summary>
    private IEnumerable<string> RequiredSteps(StepDefinition definition) =>
        definition.DependsOn.Concat(definition.DependsOnWhen.Where(d => d.When.Matches(State)).Select(d => d.Step));

    private bool HasStarted(string key) => State.FindStep(key) is { } step && (step.IsSettled || step.StartedAt is not null);

    /// <summary>When the clock of a step counted from another step's act starts, if that act has happened.</summary>
    private DateTimeOffset? AnchorOf(ClockFrom from) => State.FindStep(from.Step) is not { } anchor
        ? null
        : from.Event switch
        {
            StepEvent.Ready => anchor.ReadyAt,
            StepEvent.Start => anchor.StartedAt,
            _ => anchor.Status == StepStatus.Done ? anchor.CompletedAt : null,
        };

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
            if (step.Status is StepStatus.Waiting or StepStatus.Ready or StepStatus.Received)
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
                if (step.Status != StepStatus.Waiting
                    || !RequiredSteps(definition).All(d => State.FindStep(d) is { IsSettled: true })
                    || !definition.DependsOnStart.All(HasStarted))
                {
                    continue;
                }

                if (definition.OnRequest is { } onRequest && State.FindStep(onRequest.WindowClosesWith) is { Status: StepStatus.Done })
                {
                    Skip(step, now, "The request window had closed.");
                    progressed = true;
                    continue;
                }

                if (definition.HeldWhen is { } held && HeldBecause(held) is null)
                {
                    Skip(step, now, $"Not required: nothing recorded on '{held.Step}' calls for it.");
                    progressed = true;
                    continue;
                }

                step.Status = StepStatus.Ready;
                step.ReadyAt = now;
                if (definition.ClockFrom is { } from)
                {
                    if (AnchorOf(from) is { } anchor)
                    {
                        StartClock(step, anchor);
                    }
                }
                else if (definition.ClockStartsAt == ClockStart.Ready)
                {
                    StartClock(step, now);
                }

                if (definition.OnRequest is null && definition.Documents.All(d => State.SubmittedDocuments.Contains(d.Key)))
                {
                    Receive(definition, step, now);
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

    /// <summary>The one statutory extension of a step's limit: a reason and facts.workingDays.</summary>
    public const string Extend = "extend";

    public static IReadOnlyList<string> All { get; } = [Start, Suspend, Resume, Complete, Reject, Reserve, Extend];
}
