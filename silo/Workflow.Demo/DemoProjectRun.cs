using System.Text.Json.Nodes;
using Workflow.Domain;

namespace Workflow.Demo;

/// <summary>
/// Plays one project's script through the domain, act by act, at the instants the script gives:
/// the owner registers and submits documents, officers of each step's department accept, ask for
/// supplements, reserve quota, complete, reject; the owner may withdraw. Acts are placed on working
/// days counted from the registration day, so the same script registered on another working day
/// plays the same up to the shift.
/// </summary>
internal sealed class DemoProjectRun
{
    private const int FirstRegistrationMinute = 9 * 60;
    private const int FirstDocumentMinute = (8 * 60) + 40;
    private const int FirstOfficerMinute = (9 * 60) + 30;
    private const int LastOfficerMinute = 17 * 60;

    private readonly DemoProjectPlan plan;
    private readonly WorkflowEnvironment environment;
    private readonly IDemoQuotaDesk quota;
    private readonly DateOnly? cutoff;
    private readonly bool recordLights;
    private readonly DemoWorkdays workdays;
    private readonly Random random;
    private readonly PriorityQueue<DemoAction, (DateTimeOffset At, long Order)> actions = new();
    private readonly HashSet<string> scheduled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> startedAt = new(StringComparer.Ordinal);
    private readonly DemoTimeline timeline;
    private readonly List<DemoRecordedAct> recorded = [];
    private long order;
    private DateTimeOffset lightsCheckedAt;

    /// <param name="cutoff">Acts due on or after this day are not taken: they lie in the future.</param>
    /// <param name="recordLights">Whether light changes are recorded as they fall due (not needed while timing a script).</param>
    /// <param name="timeline">Numbers the acts of every project in the order they are played.</param>
    public DemoProjectRun(DemoProjectPlan plan, ProjectCode code, WorkflowEnvironment environment, IDemoQuotaDesk quota, DateOnly? cutoff, bool recordLights, DemoTimeline timeline)
    {
        this.timeline = timeline;
        this.plan = plan;
        this.environment = environment;
        this.quota = quota;
        this.cutoff = cutoff;
        this.recordLights = recordLights;
        workdays = new DemoWorkdays(environment.Calendar, plan.RegistrationDay);
        random = new Random(plan.RunSeed);

        // Registering touches no ledger, so it need not wait for its turn on the shared timeline.
        var registeredAt = workdays.At(0, FirstRegistrationMinute + random.Next(150));
        // Only an administrator sets a liaison or a paper record's application date at registration (as over HTTP).
        Registrant = plan.Spec.Liaison is null && plan.Spec.AppliedOn is null ? Owner : DemoCast.Admin;
        Registration = plan.Spec.ToRegistration(DemoCast.UsccOf(plan.Spec.Owner), plan.RegistrationDay);
        RegisteredAt = registeredAt;
        Project = Project.Register(code, Registration, Registrant, registeredAt, environment, out var refusal)
            ?? throw new InvalidOperationException($"Demo project {code} cannot register: {refusal?.Rule}: {refusal?.Detail}");
        lightsCheckedAt = registeredAt;
        ScheduleReadySteps(0, atRegistration: true);
    }

    public Project Project { get; }

    public ProjectRegistration Registration { get; }

    public Actor Registrant { get; }

    public DateTimeOffset RegisteredAt { get; }

    /// <summary>The acts the script made, in order: what the seeder imports through the project's grain.</summary>
    public IReadOnlyList<DemoRecordedAct> Acts => recorded;

    /// <summary>Working days from registration to the ending's moment, once the script reached it.</summary>
    public int? AnchorOffset { get; private set; }

    public DateTimeOffset? NextAt => actions.TryPeek(out _, out var key) ? key.At : null;

    private Actor Owner => DemoCast.Owner(plan.Spec.Owner);

    public void RunToEnd()
    {
        while (NextAt is not null)
        {
            RunNext();
        }
    }

    public void RunNext()
    {
        var action = actions.Dequeue();
        if (Project.IsClosed)
        {
            actions.Clear();
            return;
        }

        CatchUpLights(action.At);
        Execute(action);
        lightsCheckedAt = action.At;
        if (Project.IsClosed)
        {
            actions.Clear();
        }
    }

    /// <summary>Records, at the instant each fell due, the light changes up to <paramref name="until"/>;
    /// a closed project's lights no longer change.</summary>
    public void CatchUpLights(DateTimeOffset until)
    {
        if (!recordLights)
        {
            return;
        }

        ProjectImports.CatchUpLights(Project, lightsCheckedAt, until);
        lightsCheckedAt = until;
    }

    private void Execute(DemoAction action)
    {
        switch (action.Kind)
        {
            case DemoActionKind.SubmitDocuments:
                foreach (var document in Project.Template.Step(action.Step!).Documents)
                {
                    Require(Project.SubmitDocument(document.Key, Owner, action.At), action);
                    Record(new RecordedAct(action.At, Owner, ProjectImports.SubmitDocument, Document: document.Key));
                }

                break;
            case DemoActionKind.Start:
                Start(action);
                break;
            case DemoActionKind.Reserve:
                Reserve(action);
                break;
            case DemoActionKind.Suspend:
                Act(action, StepActions.Suspend, DemoReasons.Supplement(action.Step!), null);
                break;
            case DemoActionKind.Resume:
                Act(action, StepActions.Resume, "补正材料已提交。", null);
                break;
            case DemoActionKind.Complete:
                Complete(action);
                break;
            case DemoActionKind.Reject:
                Act(action, StepActions.Reject, DemoReasons.Rejection(action.Step!), null);
                Settle(action.At);
                break;
            case DemoActionKind.Withdraw:
                Require(Project.Withdraw(Owner, DemoReasons.Withdrawal(plan.Spec.Index), action.At), action);
                Record(new RecordedAct(action.At, Owner, ProjectImports.Withdraw, Reason: DemoReasons.Withdrawal(plan.Spec.Index)));
                Settle(action.At);
                break;
        }
    }

    private void Start(DemoAction action)
    {
        var key = action.Step!;
        var definition = Project.Template.Step(key);
        var facts = definition.OnRequest is { } onRequest ? new JsonObject { [onRequest.Fact] = true } : null;
        Act(action, StepActions.Start, null, facts);
        startedAt[key] = action.Offset;

        // A start can ready steps too: the survey and the risk assessment follow the pre-announcement's start.
        ScheduleReadySteps(action.Offset, atRegistration: false);
        var steps = plan.Steps[key];
        var duration = plan.DurationOf(definition, Project.State.ApprovalLevel);
        var balance = definition.Kind == StepKind.FarmlandBalance && !Project.State.Balance.Required.IsZero();
        if (plan.Holds(key))
        {
            HoldAfterStart(key, action.Offset, steps, balance);
            return;
        }

        if (balance)
        {
            Schedule(DemoActionKind.Reserve, key, action.Offset + Math.Clamp(steps.ActAfter, 1, duration - 1), OfficerMinute());
        }
        else if (steps.SuspendAfter is { } suspendAfter && suspendAfter < duration && definition.MinimumDuration is null)
        {
            Schedule(DemoActionKind.Suspend, key, action.Offset + suspendAfter, OfficerMinute());
            Schedule(DemoActionKind.Resume, key, action.Offset + suspendAfter + steps.SuspendFor, OfficerMinute());
            ScheduleCompletion(key, action.Offset + duration + steps.SuspendFor);
        }
        else
        {
            ScheduleCompletion(key, action.Offset + duration);
        }
    }

    private void HoldAfterStart(string key, int offset, DemoStepPlan steps, bool balance)
    {
        switch (plan.Ending)
        {
            case DemoEnding.HeldInProgress:
                if (Project.Template.Step(key).ClockStartsAt == ClockStart.Start)
                {
                    Anchor(offset);
                }

                if (balance && plan.ReserveBeforeHold && plan.DaysSince > 1)
                {
                    Schedule(DemoActionKind.Reserve, key, offset + Math.Clamp(steps.ActAfter, 1, plan.DaysSince - 1), OfficerMinute());
                }

                break;
            case DemoEnding.HeldSuspended:
                Anchor(offset + steps.ActAfter);
                Schedule(DemoActionKind.Suspend, key, offset + steps.ActAfter, OfficerMinute());
                break;
            case DemoEnding.Rejected:
                Anchor(offset + steps.ActAfter);
                Schedule(DemoActionKind.Reject, key, offset + steps.ActAfter, OfficerMinute());
                break;
            case DemoEnding.Withdrawn:
                Anchor(offset + steps.ActAfter);
                Schedule(DemoActionKind.Withdraw, key, offset + steps.ActAfter, OfficerMinute());
                break;
        }
    }

    private void Reserve(DemoAction action)
    {
        var key = action.Step!;
        var state = Project.State;
        var extra = quota.ExtraPoolsFor(state.County, state.Balance.Required);
        Require(Project.BeginReservation(key, OfficerOf(key), extra, action.At, out var intent), action);
        var allocations = quota.Reserve(state.Code, intent!, action.At);
        if (allocations is null)
        {
            // Short of quota: the step stays open until the county deposits more.
            Project.AbandonReservation();
            return;
        }

        Project.CompleteReservation(allocations, OfficerOf(key), null, action.At);
        Record(new RecordedAct(action.At, OfficerOf(key), StepActions.Reserve, key,
            Facts: extra.Count == 0 ? null : new JsonObject { ["counties"] = new JsonArray([.. extra.Select(c => (JsonNode?)JsonValue.Create(c))]) }), touchesLedger: true);
        if (!plan.Holds(key))
        {
            ScheduleCompletion(key, startedAt[key] + plan.DurationOf(Project.Template.Step(key), state.ApprovalLevel));
        }
    }

    private void Complete(DemoAction action)
    {
        var key = action.Step!;
        var state = Project.State;
        JsonObject? facts = null;
        string? reason = null;
        switch (key)
        {
            case "agreements":
                // Only 个别 may remain unsigned (the rule book's share, 10% by default), each named with a reason.
                var holdouts = state.Households >= 10 && plan.Steps[key].Holdouts ? Math.Min(1 + (state.Households % 3), state.Households / 10) : 0;
                facts = new JsonObject
                {
                    ["signedHouseholds"] = state.Households - holdouts,
                    ["unsigned"] = new JsonArray([.. Enumerable.Range(1, holdouts).Select(h => (JsonNode?)new JsonObject
                    {
                        ["household"] = $"{h}组-{h:00}户",
                        ["reason"] = "对补偿标准有异议，已在报批材料中说明。",
                    })]),
                };
                reason = holdouts > 0 ? $"{holdouts}户未签订补偿安置协议，已在报批材料中说明。" : null;
                break;
            case "compensation_plan" or "funds":
                // The plan records its total and the funds cover it in full (足额).
                var total = Math.Round(((state.AreaMu * 45_000m) + (state.Households * 380_000m)) / 10_000m) * 10_000m;
                facts = new JsonObject { [key == "funds" ? "depositedYuan" : "totalYuan"] = total };
                break;
            case "plan_announcement":
                // Where the plan holds a hearing, more than half of the members object to the plan (浙江条例 第四十二条).
                var members = Math.Max(state.Households * 3, 1);
                var objecting = plan.Steps.TryGetValue("hearing", out var hearing) && hearing.HearingRequested
                    ? (members / 2) + 1
                    : 0;
                facts = new JsonObject { ["members"] = members, ["objecting"] = objecting };
                break;
        }

        Act(action, StepActions.Complete, reason, facts);
        Settle(action.At);

        // A hearing sends the plan round again: its steps are scheduled anew as they become ready.
        if (Project.Template.Step(key).Reopens.Count > 0)
        {
            scheduled.RemoveWhere(k => Project.State.FindStep(k) is { Round: > 1, Status: StepStatus.Waiting or StepStatus.Ready or StepStatus.Received });
        }

        ScheduleReadySteps(action.Offset, atRegistration: false);
    }

    private void ScheduleCompletion(string key, int offset)
    {
        if (Project.Template.Step(key).Kind == StepKind.Final && plan.Ending == DemoEnding.Completed)
        {
            Anchor(offset);
        }

        Schedule(DemoActionKind.Complete, key, offset, OfficerMinute());
    }

    /// <summary>The ledgers do what the act owed them at once, so nothing is left pending; the act that owed them must
    /// reach the ledgers in the order of the shared timeline.</summary>
    private void Settle(DateTimeOffset at)
    {
        if (Project.State.PendingLedgerOperations.Count > 0 && recorded.Count > 0)
        {
            recorded[^1] = recorded[^1] with { TouchesLedger = true };
        }

        foreach (var operation in Project.State.PendingLedgerOperations.ToList())
        {
            quota.Settle(Project.State.Code, operation, at);
            Project.LedgerOperationDone(operation, at);
        }
    }

    private void ScheduleReadySteps(int offset, bool atRegistration)
    {
        foreach (var step in Project.State.Steps.Where(s => s.Status is StepStatus.Ready or StepStatus.Received && !scheduled.Contains(s.Key)).ToList())
        {
            scheduled.Add(step.Key);
            OnReady(Project.Template.Step(step.Key), offset, atRegistration);
        }
    }

    private void OnReady(StepDefinition definition, int offset, bool atRegistration)
    {
        var key = definition.Key;
        var steps = plan.Steps[key];
        if (plan.Holds(key) && (plan.Ending == DemoEnding.HeldReady
            || (plan.Ending == DemoEnding.HeldInProgress && definition.ClockStartsAt == ClockStart.Ready)))
        {
            Anchor(offset);
            if (plan.Ending == DemoEnding.HeldReady)
            {
                return;
            }
        }

        // A hearing is held only when the villagers ask; otherwise its window closes by itself.
        if (definition.OnRequest is not null && !steps.HearingRequested)
        {
            return;
        }

        var start = offset + steps.AcceptDelay;
        if (plan.Holds(key) && plan.Ending == DemoEnding.HeldInProgress && definition.ClockStartsAt == ClockStart.Ready)
        {
            if (plan.DaysSince < 2)
            {
                return;
            }

            start = offset + Math.Min(steps.AcceptDelay, plan.DaysSince - 1);
        }

        if (atRegistration)
        {
            start = Math.Max(start, plan.StartDelay);
        }

        // The owner brings the step's documents that morning, before the officer accepts it.
        if (definition.Documents.Count > 0)
        {
            Schedule(DemoActionKind.SubmitDocuments, key, start, FirstDocumentMinute + random.Next(40));
        }

        Schedule(DemoActionKind.Start, key, start, OfficerMinute());
    }

    private void Anchor(int offset) => AnchorOffset ??= offset;

    private int OfficerMinute() => FirstOfficerMinute + random.Next(LastOfficerMinute - FirstOfficerMinute);

    private Actor OfficerOf(string stepKey) => DemoCast.Officer(Project.State.FindStep(stepKey)!.Department);

    private void Schedule(DemoActionKind kind, string? step, int offset, int minuteOfDay)
    {
        var at = workdays.At(offset, minuteOfDay);
        if (cutoff is { } day && workdays.Day(offset) >= day)
        {
            return;
        }

        actions.Enqueue(new DemoAction(kind, step, offset, at), (at, order++));
    }

    private void Act(DemoAction action, string verb, string? reason, JsonObject? facts)
    {
        var officer = OfficerOf(action.Step!);
        // The domain keeps the facts it is given; the recorded act keeps its own copy.
        var recordedFacts = facts?.DeepClone().AsObject();
        Require(Project.Act(action.Step!, verb, officer, reason, facts, action.At), action);
        Record(new RecordedAct(action.At, officer, verb, action.Step, reason, recordedFacts));
    }

    private void Record(RecordedAct act, bool touchesLedger = false) =>
        recorded.Add(new DemoRecordedAct(timeline.Next(), act, touchesLedger));

    private void Require(Refusal? refusal, DemoAction action)
    {
        if (refusal is not null)
        {
            throw new InvalidOperationException(
                $"Demo project {Project.State.Code}: {action.Kind} {action.Step} at {action.At:O} was refused: {refusal.Rule}: {refusal.Detail}");
        }
    }
}
