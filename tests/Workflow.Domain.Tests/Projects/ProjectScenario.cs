using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Domain;

namespace Workflow.Domain.Tests;

/// <summary>A project on the LAL_2020 template with a clock the test moves by hand.</summary>
internal sealed class ProjectScenario
{
    public const string OwnerUscc = "91330500MA2JTR010T";

    /// <summary>The compensation plan's total when a test does not say: what the funds must cover.</summary>
    public const decimal PlanTotalYuan = 9_600_000m;

    public static readonly WorkflowEnvironment Environment = WorkflowEnvironment.Default();

    public static readonly Actor Owner = new("ent-rail", Roles.Enterprise, Uscc: OwnerUscc);

    public static readonly Actor Admin = new("admin", Roles.Admin);

    /// <param name="registrant">Who registers: the owner unless given (an administrator for a paper record's appliedOn).</param>
    /// <param name="environment">The rule book and templates: <see cref="Environment"/> unless a test tunes them.</param>
    public ProjectScenario(ProjectRegistration? registration = null, DateTimeOffset? start = null, Actor? registrant = null, ProjectCode? code = null, WorkflowEnvironment? environment = null)
    {
        // Monday 2 March 2026, 09:00 in Huzhou.
        Now = start ?? new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
        Project = Project.Register(
            code ?? ProjectCode.Create(new DateOnly(2026, 3, 1), "330502", "01", 1),
            registration ?? Registration(),
            registrant ?? Owner,
            Now,
            environment ?? Environment,
            out var refusal) ?? throw new InvalidOperationException($"Registration refused: {refusal}");
        Project.MarkCommitted();
    }

    public DateTimeOffset Now { get; private set; }

    public Project Project { get; }

    public ProjectState State => Project.State;

    public static ProjectRegistration Registration(
        string track = Tracks.Batch,
        decimal areaMu = 200m,
        decimal cultivatedMu = 100m,
        decimal paddyMu = 40m,
        int households = 10,
        bool permanentBasicFarmland = false,
        string supplyMode = SupplyModes.Allocation,
        DateOnly? appliedOn = null,
        string? approvalKind = null) =>
        new("湖州市域铁路示范段", OwnerUscc, "330502", "rail", track, areaMu, cultivatedMu, paddyMu, 7, permanentBasicFarmland, households, supplyMode, AppliedOn: appliedOn, ApprovalKind: approvalKind);

    public static Actor Officer(string department) => new("off-" + department, Roles.Officer, Department: department);

    public StepState Step(string key) => State.FindStep(key)!;

    public void AdvanceWorkingDays(int days) =>
        Now = WorkingCalendar.StartOfDay(Environment.Calendar.AddWorkingDays(WorkingCalendar.LocalDate(Now), days)).AddHours(9);

    public void Advance(TimeSpan span) => Now += span;

    public void AdvanceTo(DateTimeOffset instant) => Now = instant;

    public Refusal? Try(string step, string action, JsonObject? facts = null, string? reason = null, Actor? actor = null) =>
        Project.Act(step, action, actor ?? Officer(State.FindStep(step)?.Department ?? "none"), reason, facts, Now);

    public void Do(string step, string action, JsonObject? facts = null, string? reason = null)
    {
        var refusal = Try(step, action, facts, reason);
        Assert.True(refusal is null, $"{action} {step} refused: {refusal}");
    }

    public void SubmitAllDocuments()
    {
        foreach (var (_, document) in Project.MissingDocuments())
        {
            Assert.Null(Project.SubmitDocument(document.Key, Owner, Now));
        }
    }

    /// <summary>Starts and completes a step, waiting out its minimum period; without facts, the facts a plain
    /// run records (a plan total, an announcement nobody objected to).</summary>
    public void Finish(string step, JsonObject? facts = null, string? reason = null)
    {
        Do(step, StepActions.Start);
        if (Step(step).EarliestCompletionAt is { } earliest && earliest > Now)
        {
            AdvanceTo(earliest);
        }

        Do(step, StepActions.Complete, facts ?? PlainFacts(step), reason);
    }

    public static JsonObject? PlainFacts(string step) => step switch
    {
        "compensation_plan" => new JsonObject { ["totalYuan"] = PlanTotalYuan },
        "plan_announcement" => new JsonObject { ["members"] = 120, ["objecting"] = 0 },
        _ => null,
    };

    public void FinishAll(params string[] steps)
    {
        foreach (var step in steps)
        {
            Finish(step);
        }
    }

    /// <summary>Every step up to the plan announcement, which the agreements wait for.</summary>
    public void ThroughPlanAnnouncement()
    {
        SubmitAllDocuments();
        FinishAll("approval", "pre_announcement", "survey", "risk_assessment", "compensation_plan", "registration", "plan_announcement");
    }

    public void Balance()
    {
        Do("farmland_balance", StepActions.Start);
        Assert.Null(Project.BeginReservation("farmland_balance", Officer("natural-resources"), null, Now, out _));
        Project.CompleteReservation([new CountyAllocation(State.County, State.Balance.Required)], Officer("natural-resources"), null, Now);
        Do("farmland_balance", StepActions.Complete);
    }

    /// <summary>Walks every step before the filing.</summary>
    public void ReadyForFiling()
    {
        ThroughPlanAnnouncement();
        Finish("agreements", new JsonObject { ["signedHouseholds"] = State.Households });
        Finish("funds", new JsonObject { ["depositedYuan"] = PlanTotalYuan });
        Balance();
    }

    public string Snapshot() => JsonSerializer.Serialize(State);
}
