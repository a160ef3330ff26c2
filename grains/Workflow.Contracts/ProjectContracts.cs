namespace Workflow.Contracts;

/// <summary>One grain per project, keyed by its project code: the only writer of that project.</summary>
public interface IProjectGrain : IGrainWithStringKey
{
    /// <summary>Registers this project under its key; <see cref="IProjectRegistrarGrain"/> is the way in, and checks
    /// the same rules before it allocates a code.</summary>
    Task<ProjectReply> RegisterAsync(RegisterProjectCommand command, ActorInfo actor);

    Task<ProjectReply> GetAsync(ActorInfo actor);

    /// <summary>The project's status once its stream is past <paramref name="afterVersion"/> (at once when it already is:
    /// -1 reads the status now), else when the next act commits, or neither when <paramref name="timeout"/> (at most 25 s)
    /// runs out first. Interleaves, so a long poll never holds up the project's acts. Authorized as <see cref="GetAsync"/>:
    /// a caller who may not see the project is answered not found at once.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<ProjectWatchReply> WaitForChangeAsync(ActorInfo actor, long afterVersion, TimeSpan timeout);

    /// <summary>One page of the project's history; without a query, the first page, oldest first.</summary>
    Task<HistoryReply> GetHistoryAsync(ActorInfo actor, HistoryQuery? query = null);

    Task<ProjectReply> ActAsync(StepActionCommand command, ActorInfo actor);

    Task<ProjectReply> SubmitDocumentAsync(string documentKey, ActorInfo actor);

    Task<ProjectReply> WithdrawAsync(string? reason, ActorInfo actor);

    Task<ProjectReply> AssignLiaisonAsync(string liaison, ActorInfo actor);

    /// <summary>The project's liaison or a leader chases (催办) an open step, with a reason: recorded in the history, and
    /// the notices projection tells the step's department. One chase per step per working day.</summary>
    Task<ProjectReply> ChaseAsync(string step, string? reason, ActorInfo actor);

    /// <summary>Called by the deadline scheduler when a light is due to change.</summary>
    Task WakeAsync();

    /// <summary>Imports recorded acts (and the registration of a new project) at their own instants; administrators and
    /// the platform only. <see cref="IProjectRegistrarGrain.ImportAsync"/> is the way in for a new project.</summary>
    Task<ProjectReply> ImportAsync(ProjectImport import, ActorInfo actor);
}

/// <summary>A registration; <c>Code</c> is the code the caller asked for (administrators only), null to have one allocated;
/// <c>Procedure</c> the procedure it runs (null: land acquisition) and <c>FactsJson</c> that procedure's facts, a JSON object.</summary>
[GenerateSerializer, Immutable, Alias("landflow.RegisterProjectCommand")]
public sealed record RegisterProjectCommand(
    [property: Id(0)] string Name,
    [property: Id(1)] string OwnerUscc,
    [property: Id(2)] string County,
    [property: Id(3)] string Type,
    [property: Id(4)] string Track,
    [property: Id(5)] decimal AreaMu,
    [property: Id(6)] decimal CultivatedMu,
    [property: Id(7)] decimal PaddyMu,
    [property: Id(8)] int Grade,
    [property: Id(9)] bool PermanentBasicFarmland,
    [property: Id(10)] int Households,
    [property: Id(11)] string SupplyMode,
    [property: Id(12)] string? Liaison,
    [property: Id(13)] bool Major,
    [property: Id(14)] DateOnly? AppliedOn,
    [property: Id(15)] DateOnly? TargetDate,
    [property: Id(16)] string? Code = null,
    [property: Id(17)] string? Procedure = null,
    [property: Id(18)] string? FactsJson = null,
    [property: Id(20)] string? ApprovalKind = null);

/// <summary>A step action; <c>FactsJson</c> is the JSON object of step-specific facts, if any.</summary>
[GenerateSerializer, Immutable, Alias("landflow.StepActionCommand")]
public sealed record StepActionCommand(
    [property: Id(0)] string Step,
    [property: Id(1)] string Action,
    [property: Id(2)] string? Reason,
    [property: Id(3)] string? FactsJson);

[GenerateSerializer, Immutable, Alias("landflow.ProjectReply")]
public sealed record ProjectReply(
    [property: Id(0)] ProjectView? Project,
    [property: Id(1)] Refusal? Refusal)
{
    public static ProjectReply Of(ProjectView project) => new(project, null);
    public static ProjectReply Refused(Refusal refusal) => new(null, refusal);
}

/// <summary>A page of history, or why not; <see cref="Next"/> is the cursor of the next page, null at the end.</summary>
[GenerateSerializer, Immutable, Alias("landflow.HistoryReply")]
public sealed record HistoryReply(
    [property: Id(0)] IReadOnlyList<HistoryEntryView>? Items,
    [property: Id(1)] Refusal? Refusal,
    [property: Id(2)] long? Next = null);

[GenerateSerializer, Immutable, Alias("landflow.HistoryEntryView")]
public sealed record HistoryEntryView(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Kind,
    [property: Id(4)] string? Step,
    [property: Id(5)] string? Reason,
    [property: Id(6)] string? FactsJson);

[GenerateSerializer, Immutable, Alias("landflow.ProjectView")]
public sealed record ProjectView(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string County,
    [property: Id(3)] string OwnerUscc,
    [property: Id(4)] string? Liaison,
    [property: Id(5)] TemplateRef Template,
    [property: Id(6)] string State,
    [property: Id(7)] string Light,
    [property: Id(8)] string ApprovalLevel,
    [property: Id(9)] IReadOnlyList<StepView> Steps,
    [property: Id(10)] IReadOnlyList<MissingDocumentView> MissingDocuments,
    [property: Id(11)] BalanceView Balance,
    [property: Id(12)] ProjectFacts Facts,
    [property: Id(13)] ApprovalAuthorityView? ApprovalAuthority = null,
    [property: Id(14)] ProjectForecast? Forecast = null);

/// <summary>Who approves the project's filing: the authority in law and who signs in practice (e.g. Zhejiang on the State
/// Council's behalf since 国发〔2020〕4号), with the rule's source; <see cref="ProjectView.ApprovalLevel"/> stays the level in law.</summary>
[GenerateSerializer, Immutable, Alias("landflow.ApprovalAuthorityView")]
public sealed record ApprovalAuthorityView(
    [property: Id(0)] string InLaw,
    [property: Id(1)] string InPractice,
    [property: Id(2)] string Source,
    [property: Id(3)] DateOnly From,
    [property: Id(4)] DateOnly? Until,
    [property: Id(5)] string? Note);

/// <summary>The registered facts of a project, beyond what API.md requires: <c>Procedure</c> is the procedure it runs and
/// <c>ProcedureFacts</c> the facts that procedure's registration carried (as text), null for land acquisition.</summary>
[GenerateSerializer, Immutable, Alias("landflow.ProjectFacts")]
public sealed record ProjectFacts(
    [property: Id(0)] string Type,
    [property: Id(1)] string Track,
    [property: Id(2)] decimal AreaMu,
    [property: Id(3)] decimal CultivatedMu,
    [property: Id(4)] decimal PaddyMu,
    [property: Id(5)] int Grade,
    [property: Id(6)] bool PermanentBasicFarmland,
    [property: Id(7)] int Households,
    [property: Id(8)] string SupplyMode,
    [property: Id(9)] bool Major,
    [property: Id(10)] DateOnly AppliedOn,
    [property: Id(11)] DateOnly? TargetDate,
    [property: Id(12)] DateTimeOffset RegisteredAt,
    [property: Id(13)] string Procedure = "land-acquisition",
    [property: Id(14)] IReadOnlyDictionary<string, string>? ProcedureFacts = null,
    [property: Id(20)] string ApprovalKind = "approved");

[GenerateSerializer, Immutable, Alias("landflow.TemplateRef")]
public sealed record TemplateRef(
    [property: Id(0)] string Id,
    [property: Id(1)] int Version);

[GenerateSerializer, Immutable, Alias("landflow.StepView")]
public sealed record StepView(
    [property: Id(0)] string Key,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameZh,
    [property: Id(3)] string Department,
    [property: Id(4)] string State,
    [property: Id(5)] string Light,
    [property: Id(6)] int? TimeLimitWorkingDays,
    [property: Id(7)] string? TimeLimit,
    [property: Id(8)] DateTimeOffset? StartedAt,
    [property: Id(9)] DateTimeOffset? DueAt,
    [property: Id(10)] DateTimeOffset? CompletedAt,
    [property: Id(11)] IReadOnlyList<string> DependsOn,
    [property: Id(12)] DateTimeOffset? ReadyAt,
    [property: Id(13)] DateTimeOffset? SuspendedAt,
    [property: Id(14)] DateTimeOffset? EarliestCompletionAt,
    [property: Id(15)] bool DueUncertain = false,
    [property: Id(16)] string? DueUncertainReason = null,
    [property: Id(20)] DateTimeOffset? ReceivedAt = null,
    [property: Id(21)] DateTimeOffset? AcceptBy = null,
    [property: Id(22)] DateTimeOffset? AcceptedAt = null,
    [property: Id(23)] bool AcceptedOnReceipt = false,
    [property: Id(24)] int? ExtendedWorkingDays = null);

[GenerateSerializer, Immutable, Alias("landflow.MissingDocumentView")]
public sealed record MissingDocumentView(
    [property: Id(0)] string Step,
    [property: Id(1)] string Key,
    [property: Id(2)] string Name,
    [property: Id(3)] string NameZh);

[GenerateSerializer, Immutable, Alias("landflow.QuotaView")]
public sealed record QuotaView(
    [property: Id(0)] decimal AreaMu,
    [property: Id(1)] decimal PaddyMu,
    [property: Id(2)] decimal CapacityKg);

[GenerateSerializer, Immutable, Alias("landflow.BalanceView")]
public sealed record BalanceView(
    [property: Id(0)] QuotaView Required,
    [property: Id(1)] QuotaView Reserved,
    [property: Id(2)] string State,
    [property: Id(3)] string? ReservationId,
    [property: Id(4)] IReadOnlyList<CountyQuotaView> Counties);

[GenerateSerializer, Immutable, Alias("landflow.CountyQuotaView")]
public sealed record CountyQuotaView(
    [property: Id(0)] string County,
    [property: Id(1)] QuotaView Amount);
