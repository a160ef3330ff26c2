using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Workflow.Domain;

/// <summary>
/// Everything the platform knows of one project, as persisted. Plain settable properties so the
/// state round-trips through JSON; only <see cref="Project"/> changes it.
/// </summary>
public sealed class ProjectState
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string County { get; set; } = "";
    public string OwnerUscc { get; set; } = "";
    public string Type { get; set; } = "";
    public string Track { get; set; } = Tracks.Batch;
    public string SupplyMode { get; set; } = SupplyModes.Allocation;
    public decimal AreaMu { get; set; }
    public decimal CultivatedMu { get; set; }
    public decimal PaddyMu { get; set; }
    public int Grade { get; set; }
    public bool PermanentBasicFarmland { get; set; }
    public int Households { get; set; }
    public string? Liaison { get; set; }
    public bool Major { get; set; }
    public DateOnly AppliedOn { get; set; }
    public DateOnly? TargetDate { get; set; }
    public string TemplateId { get; set; } = "";
    public int TemplateVersion { get; set; }
    public string ApprovalLevel { get; set; } = ApprovalLevels.Province;

    /// <summary>How the project itself was authorised (审批, 核准 or 备案): it orders pre-review and approval.</summary>
    public string ApprovalKind { get; set; } = ApprovalKinds.Approved;
    public ProjectStatus Status { get; set; } = ProjectStatus.Active;
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public long LastSeq { get; set; }
    public List<StepState> Steps { get; set; } = [];
    public List<string> SubmittedDocuments { get; set; } = [];
    public BalanceState Balance { get; set; } = new();

    /// <summary>The procedure the project runs; projects stored before procedures were named are land acquisition.</summary>
    public string Procedure { get; set; } = Procedures.LandAcquisition;

    /// <summary>The facts a procedure's registration carried (a homestead's plot), null for land acquisition.</summary>
    public JsonObject? ProcedureFacts { get; set; }

    /// <summary>A reservation begun but not yet acknowledged; re-driven (released) if the grain
    /// stops between the ledgers and the project.</summary>
    public PendingReservation? PendingReservation { get; set; }

    /// <summary>Ledger operations owed by acknowledged acts (an outbox), re-driven until done.</summary>
    public List<LedgerOperation> PendingLedgerOperations { get; set; } = [];

    public int ReservationAttempts { get; set; }

    /// <summary>Land problems (涉土问题) recorded on the project, numbered from 1 in order.</summary>
    public List<LandProblemState> Problems { get; set; } = [];

    public StepState? FindStep(string key) => Steps.FirstOrDefault(s => s.Key == key);
}

/// <remarks>
/// A project holds some twenty of these for as long as its grain is active, most of them waiting with no instant set,
/// so its twelve instants live in one array allocated by the first one set (null reads as unset), and the key,
/// department and time limit, which come from the template, are shared between projects (<see cref="SharedValues"/>).
/// A waiting step went from 376 bytes to about 100 (the instants took 24 bytes each as nullables).
/// </remarks>
public sealed class StepState
{
    private const int ReadyIndex = 0, StartedIndex = 1, ReceivedIndex = 2, AcceptByIndex = 3, AcceptedIndex = 4, SupplementIndex = 5,
        ClockStartedIndex = 6, DueIndex = 7, EarliestCompletionIndex = 8, SuspendedIndex = 9, CompletedIndex = 10, LastChasedIndex = 11,
        InstantCount = 12;

    private string key = "";
    private string department = "";
    private TimeLimit? timeLimit;
    private DateTimeOffset[]? instants;

    public string Key { get => key; set => key = SharedValues.Text(value); }
    public StepStatus Status { get; set; } = StepStatus.Waiting;
    public Light Light { get; set; } = Light.Green;
    public string Department { get => department; set => department = SharedValues.Text(value); }
    public TimeLimit? TimeLimit { get => timeLimit; set => timeLimit = SharedValues.Limit(value); }
    public DateTimeOffset? ReadyAt { get => Instant(ReadyIndex); set => SetInstant(ReadyIndex, value); }
    public DateTimeOffset? StartedAt { get => Instant(StartedIndex); set => SetInstant(StartedIndex, value); }

    /// <summary>When the owner had submitted everything the ready step needs (行政许可法 第三十二条: the
    /// department then has a few working days to accept or to ask once for what is missing).</summary>
    public DateTimeOffset? ReceivedAt { get => Instant(ReceivedIndex); set => SetInstant(ReceivedIndex, value); }

    /// <summary>The end of the acceptance window of a received step; silence until then is acceptance on receipt.</summary>
    public DateTimeOffset? AcceptBy { get => Instant(AcceptByIndex); set => SetInstant(AcceptByIndex, value); }

    /// <summary>When the step counted as accepted: the officer's start, or the receipt after a silent window.</summary>
    public DateTimeOffset? AcceptedAt { get => Instant(AcceptedIndex); set => SetInstant(AcceptedIndex, value); }

    public bool AcceptedOnReceipt { get; set; }

    /// <summary>The one request for supplement allowed during acceptance (一次性告知).</summary>
    public DateTimeOffset? SupplementRequestedAt { get => Instant(SupplementIndex); set => SetInstant(SupplementIndex, value); }

    /// <summary>Working days of the one statutory extension (延期, 行政许可法 第四十二条), if granted.</summary>
    public int? ExtendedWorkingDays { get; set; }
    public DateTimeOffset? ClockStartedAt { get => Instant(ClockStartedIndex); set => SetInstant(ClockStartedIndex, value); }
    public DateTimeOffset? DueAt { get => Instant(DueIndex); set => SetInstant(DueIndex, value); }
    public DateTimeOffset? EarliestCompletionAt { get => Instant(EarliestCompletionIndex); set => SetInstant(EarliestCompletionIndex, value); }
    public DateTimeOffset? SuspendedAt { get => Instant(SuspendedIndex); set => SetInstant(SuspendedIndex, value); }
    public int SuspendedWorkingDays { get; set; }
    public DateTimeOffset? CompletedAt { get => Instant(CompletedIndex); set => SetInstant(CompletedIndex, value); }
    public string? Outcome { get; set; }
    public JsonObject? Facts { get; set; }

    /// <summary>When the step (this round) was last chased (催办); one chase per working day.</summary>
    public DateTimeOffset? LastChasedAt { get => Instant(LastChasedIndex); set => SetInstant(LastChasedIndex, value); }

    /// <summary>1 for the first time through; a step reopened (the plan re-announced after a hearing) counts up.</summary>
    public int Round { get; set; } = 1;

    [JsonIgnore]
    public bool IsOpen => Status is StepStatus.Ready or StepStatus.Received or StepStatus.InProgress or StepStatus.Suspended;

    [JsonIgnore]
    public bool IsSettled => Status is StepStatus.Done or StepStatus.Skipped;

    // default(DateTimeOffset), the year 1 at offset zero, is never an instant of a project, so it stands for unset.
    private DateTimeOffset? Instant(int index) => instants is { } set && set[index] != default ? set[index] : null;

    private void SetInstant(int index, DateTimeOffset? value)
    {
        if (value is { } instant)
        {
            (instants ??= new DateTimeOffset[InstantCount])[index] = instant;
        }
        else if (instants is not null)
        {
            instants[index] = default;
        }
    }
}

public sealed class BalanceState
{
    public QuotaAmount Required { get; set; } = QuotaAmount.Zero;
    public QuotaAmount Reserved { get; set; } = QuotaAmount.Zero;
    public BalanceStatus Status { get; set; } = BalanceStatus.Unbalanced;
    public string? ReservationId { get; set; }
    public List<CountyAllocation> Allocations { get; set; } = [];
}

public sealed record CountyAllocation(string County, QuotaAmount Amount);

public sealed record PendingReservation(string ReservationId, IReadOnlyList<string> Pools, QuotaAmount Required, DateTimeOffset At);

public sealed record LedgerOperation(LedgerOperationKind Kind, string ReservationId, IReadOnlyList<string> Counties);

[JsonConverter(typeof(JsonStringEnumConverter<LedgerOperationKind>))]
public enum LedgerOperationKind
{
    Consume,
    Release,
}

[JsonConverter(typeof(JsonStringEnumConverter<StepStatus>))]
public enum StepStatus
{
    Waiting,
    Ready,

    /// <summary>Ready, and the owner has submitted everything it needs: the acceptance window runs.</summary>
    Received,
    InProgress,
    Suspended,
    Done,
    Rejected,
    Skipped,
}

[JsonConverter(typeof(JsonStringEnumConverter<Light>))]
public enum Light
{
    Green,
    Yellow,
    Red,
}

[JsonConverter(typeof(JsonStringEnumConverter<ProjectStatus>))]
public enum ProjectStatus
{
    Active,
    Approved,
    Completed,
    Rejected,
    Withdrawn,
}

[JsonConverter(typeof(JsonStringEnumConverter<BalanceStatus>))]
public enum BalanceStatus
{
    Unbalanced,
    Reserved,
    Consumed,
    Released,

    /// <summary>The procedure occupies no farmland to balance (a homestead, a rectification).</summary>
    NotApplicable,
}

public static class Tracks
{
    public const string Batch = "batch";
    public const string Standalone = "standalone";
    public static bool IsKnown(string? track) => track is Batch or Standalone;
}

public static class SupplyModes
{
    public const string Allocation = "allocation";
    public const string Transfer = "transfer";
    public static bool IsKnown(string? mode) => mode is Allocation or Transfer;
}

/// <summary>How an investment project is authorised (实施条例 第二十四条 orders pre-review by it).</summary>
public static class ApprovalKinds
{
    /// <summary>审批: government-invested projects.</summary>
    public const string Approved = "approved";

    /// <summary>核准: enterprise projects on the catalogue.</summary>
    public const string Ratified = "ratified";

    /// <summary>备案: other enterprise projects; pre-review may come before or after.</summary>
    public const string Filed = "filed";

    public static bool IsKnown(string? kind) => kind is Approved or Ratified or Filed;
}

public static class ApprovalLevels
{
    public const string Province = "province";
    public const string StateCouncil = "state-council";
}

/// <summary>API spellings of the domain's enumerations (camelCase, as API.md names them).</summary>
public static class Names
{
    public static string Of(StepStatus status) => status switch
    {
        StepStatus.InProgress => "inProgress",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static string Of(Light light) => light.ToString().ToLowerInvariant();

    public static string Of(ProjectStatus status) => status.ToString().ToLowerInvariant();

    public static string Of(BalanceStatus status) => status switch
    {
        BalanceStatus.NotApplicable => "not-applicable",
        _ => status.ToString().ToLowerInvariant(),
    };
}
