using System.Text.Json.Serialization;

namespace Workflow.Domain;

/// <summary>
/// A versioned procedure: its steps, their order (dependencies), departments, time limits and gates.
/// Templates are data (embedded JSON files), so a new procedure or a revised limit is a new version,
/// never a new code path; a project keeps the template version it was registered under.
/// </summary>
public sealed class WorkflowTemplate
{
    public required string Id { get; init; }
    public required int Version { get; init; }
    public required string Name { get; init; }
    public required string NameZh { get; init; }

    /// <summary>Applications dated on or after this day use this template (unless a later one applies).</summary>
    public required DateOnly AppliesFrom { get; init; }

    /// <summary>Applications dated before this day use this template; null for no end.</summary>
    public DateOnly? AppliesUntil { get; init; }

    /// <summary>The statutes the procedure as a whole rests on, cited by article.</summary>
    public string? Law { get; init; }

    /// <summary>The procedure the template runs (<see cref="Procedures.LandAcquisition"/> unless it says otherwise); a
    /// registration names it, and the application date picks the version.</summary>
    public string Procedure { get; init; } = Procedures.LandAcquisition;

    /// <summary>A procedure approved at one fixed level (a homestead: the township), or <c>not-applicable</c> where nothing
    /// is approved (a rectification); null for land acquisition, whose level follows the area (<see cref="WorkflowRules"/>).</summary>
    public string? ApprovalLevel { get; init; }

    /// <summary>What registering under this procedure asks; null for the land-acquisition registration.</summary>
    public RegistrationDefinition? Registration { get; init; }

    public required IReadOnlyList<StepDefinition> Steps { get; init; }

    public StepDefinition? Find(string key) => Steps.FirstOrDefault(s => s.Key == key);

    public StepDefinition Step(string key) =>
        Find(key) ?? throw new KeyNotFoundException($"Template {Id} v{Version} has no step '{key}'.");

    public bool AppliesTo(DateOnly appliedOn) =>
        appliedOn >= AppliesFrom && (AppliesUntil is null || appliedOn < AppliesUntil);
}

/// <summary>One step of a template. Everything that varies between steps is here, as data.</summary>
public sealed class StepDefinition
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required string NameZh { get; init; }

    /// <summary>The department whose officers work the step, unless <see cref="DepartmentByApprovalLevel"/> says otherwise.</summary>
    public string? Department { get; init; }

    /// <summary>For steps whose department follows the approval level (the filing).</summary>
    public IReadOnlyDictionary<string, string>? DepartmentByApprovalLevel { get; init; }

    public TimeLimit? TimeLimit { get; init; }

    public IReadOnlyDictionary<string, TimeLimit>? TimeLimitByApprovalLevel { get; init; }

    /// <summary>Whether the time limit counts from the officer's acceptance (start) or from the moment
    /// the step becomes ready (for limits the law counts from an earlier act, like "within 15 working
    /// days of approval").</summary>
    public ClockStart ClockStartsAt { get; init; } = ClockStart.Start;

    /// <summary>A limit the law counts from another step's act (浙江条例 第四十六条: payment within 60 days of the
    /// announcement): when set, the clock runs from that act, and neither receipt nor acceptance moves it.</summary>
    public ClockFrom? ClockFrom { get; init; }

    /// <summary>The shortest time the step must run (statutory announcement periods).</summary>
    public MinimumDuration? MinimumDuration { get; init; }

    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>Steps that must have started (not finished) first: the survey once the pre-announcement that
    /// announces it is published (实施条例 第二十六条). A skipped step counts as started.</summary>
    public IReadOnlyList<string> DependsOnStart { get; init; } = [];

    /// <summary>Dependencies that hold only for some projects: pre-review before an approved or ratified
    /// project's approval, either way for a filed one (实施条例 第二十四条).</summary>
    public IReadOnlyList<ConditionalDependency> DependsOnWhen { get; init; } = [];

    /// <summary>The step exists for a project only when this matches (for example the standalone track).</summary>
    public ProjectCondition? AppliesWhen { get; init; }

    /// <summary>Held only when requested (the hearing): otherwise skipped once its window closes.</summary>
    public OnRequest? OnRequest { get; init; }

    /// <summary>Held only when another step's completion facts say so (the hearing after objections to the
    /// announced plan, the compensation decision for holdouts); otherwise skipped as it becomes ready. A held step
    /// cannot be skipped.</summary>
    public HeldWhen? HeldWhen { get; init; }

    /// <summary>Steps that completing this one sends round again (the plan revised and re-announced after a
    /// hearing): each done step listed starts a new round, waiting on its dependencies as before.</summary>
    public IReadOnlyList<string> Reopens { get; init; } = [];

    /// <summary>Named refusals checked before the step may start, each naming the steps it needs done.</summary>
    public IReadOnlyList<Gate> Gates { get; init; } = [];

    /// <summary>Documents the owner must submit before the step can be accepted (一次性告知).</summary>
    public IReadOnlyList<DocumentDefinition> Documents { get; init; } = [];

    /// <summary>Facts that completing the step must carry.</summary>
    public IReadOnlyList<FactRequirement> CompletionFacts { get; init; } = [];

    public StepKind Kind { get; init; } = StepKind.Standard;

    /// <summary>The article(s) that make the step and its time limit what they are (shown in the docs).</summary>
    public string? Law { get; init; }

    public string DepartmentFor(string approvalLevel) =>
        DepartmentByApprovalLevel is { } byLevel && byLevel.TryGetValue(approvalLevel, out var d)
            ? d
            : Department ?? throw new InvalidOperationException($"Step '{Key}' names no department for level '{approvalLevel}'.");

    public TimeLimit? TimeLimitFor(string approvalLevel) =>
        TimeLimitByApprovalLevel is { } byLevel && byLevel.TryGetValue(approvalLevel, out var t) ? t : TimeLimit;
}

[JsonConverter(typeof(JsonStringEnumConverter<ClockStart>))]
public enum ClockStart
{
    Start,
    Ready,
}

/// <summary>What completing or rejecting the step means for the project beyond the step itself.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepKind>))]
public enum StepKind
{
    Standard,

    /// <summary>The farmland balance: takes the <c>reserve</c> action and completes only when balanced.</summary>
    FarmlandBalance,

    /// <summary>The approval of the conversion and acquisition: approving it approves the project and
    /// consumes the quota reservation; rejecting it releases the reservation.</summary>
    Filing,

    /// <summary>The last step: completing it completes the project.</summary>
    Final,
}

[JsonConverter(typeof(JsonStringEnumConverter<TimeUnit>))]
public enum TimeUnit
{
    WorkingDays,
    CalendarDays,
    Months,
}

/// <summary>The act of another step a clock runs from.</summary>
public sealed record ClockFrom(string Step, StepEvent Event);

[JsonConverter(typeof(JsonStringEnumConverter<StepEvent>))]
public enum StepEvent
{
    Ready,
    Start,
    Complete,
}

public sealed record ConditionalDependency(string Step, ProjectCondition When);

public sealed record TimeLimit(int Amount, TimeUnit Unit)
{
    public override string ToString() => Unit switch
    {
        TimeUnit.WorkingDays => $"{Amount} working days",
        TimeUnit.CalendarDays => $"{Amount} days",
        _ => $"{Amount} months",
    };
}

public sealed record MinimumDuration(int Amount, TimeUnit Unit, string Rule, ProjectCondition? AppliesWhen = null, string? Law = null)
{
    public TimeLimit AsLimit() => new(Amount, Unit);
}

/// <summary>Matches project facts; every field given must match.</summary>
public sealed record ProjectCondition(string? Track = null, string? SupplyMode = null, IReadOnlyList<string>? ApprovalKinds = null)
{
    public bool Matches(string track, string supplyMode) =>
        (Track is null || Track == track) && (SupplyMode is null || SupplyMode == supplyMode);

    public bool Matches(ProjectState project) =>
        Matches(project.Track, project.SupplyMode) && (ApprovalKinds is null || ApprovalKinds.Contains(project.ApprovalKind));
}

/// <summary>A step held only on request: <c>start</c> with the fact set to true holds it, false skips
/// it, and completing <see cref="WindowClosesWith"/> skips it if nobody asked.</summary>
public sealed record OnRequest(string Fact, string WindowClosesWith);

public sealed record Gate(string Rule, IReadOnlyList<string> Requires, string Detail, string? Law = null);

/// <summary>The step is held when any of <see cref="AnyOf"/> holds on the completion facts of <see cref="Step"/>;
/// trying to skip it then is refused with <see cref="Rule"/>.</summary>
public sealed record HeldWhen(string Step, IReadOnlyList<FactCondition> AnyOf, string? Rule = null, string? Law = null);

/// <summary>Holds when <see cref="Fact"/> is true or a number above zero or, with <see cref="MoreThanHalfOf"/>, when it is more than half of that fact.</summary>
public sealed record FactCondition(string Fact, string? MoreThanHalfOf = null);

/// <summary>A fact another step recorded when it completed.</summary>
public sealed record FactReference(string Step, string Fact);

public sealed record DocumentDefinition(string Key, string Name, string NameZh);

/// <summary>A fact completing a step must carry; a flag with <see cref="MustBe"/> refuses the other value with
/// <see cref="Rule"/> (a check recorded by the officer, such as one household one plot).</summary>
/// <param name="Optional">The fact may be left out; when given it must still be of its kind.</param>
/// <param name="Minimum">For <see cref="FactKind.Count"/>: the least it may be.</param>
/// <param name="AtMost">For <see cref="FactKind.Count"/>: another fact of the same act it may not exceed.</param>
/// <param name="Covers">For <see cref="FactKind.Covers"/>: the fact of another step it must reach.</param>
public sealed record FactRequirement(
    string Fact,
    FactKind Kind,
    string? Rule = null,
    bool Optional = false,
    int? Minimum = null,
    string? AtMost = null,
    FactReference? Covers = null,
    string? Law = null,
    bool? MustBe = null,
    string? Detail = null)
{
    /// <summary>The refusal of a well-formed flag that is not what the step needs, or null.</summary>
    public Refusal? CheckFlag(bool value) =>
        MustBe is { } expected && value != expected
            ? Refusal.Conflict(Rule ?? Rules.FactInvalid, Detail ?? $"facts.{Fact} must be {(expected ? "true" : "false")}.")
            : null;
}

[JsonConverter(typeof(JsonStringEnumConverter<FactKind>))]
public enum FactKind
{
    /// <summary>A number greater than zero (for example funds deposited, in yuan).</summary>
    PositiveNumber,

    /// <summary>A whole number of households signed, at most the project's households; fewer than all
    /// needs a reason (holdouts are explained in the filing).</summary>
    SignedHouseholds,

    Boolean,

    /// <summary>A whole number (of members, of objections), at least <see cref="FactRequirement.Minimum"/> and at
    /// most the fact named by <see cref="FactRequirement.AtMost"/>.</summary>
    Count,

    /// <summary>A number at least the fact <see cref="FactRequirement.Covers"/> names, as its step last recorded it
    /// (funds in full: the deposit covers the plan's total).</summary>
    Covers,

    /// <summary>A whole number of households signed, at most the project's households; the unsigned may be at most
    /// the rule book's share (个别) and each is named with a reason in <c>facts.unsigned</c>:
    /// <c>[{"household": "...", "reason": "..."}]</c>.</summary>
    Holdouts,
}
