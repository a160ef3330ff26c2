namespace Workflow.Contracts;

/// <summary>One execution inspection (执行力检查), keyed by its id: findings against a unit, each with a rectification
/// deadline tracked with lights like a step's. Its stream is <c>inspection/{id}</c>; a finding turning yellow or red
/// appends a <c>light</c> event there (facts: finding, from, to, county, department, deadline).</summary>
public interface IInspectionGrain : IGrainWithStringKey
{
    /// <summary>Leaders and administrators; repeating the same terms answers the inspection as it is.</summary>
    Task<InspectionReply> OpenAsync(OpenInspectionCommand command, ActorInfo actor);

    Task<InspectionReply> GetAsync(ActorInfo actor);

    /// <summary>The inspected unit's officer records what was done about one finding.</summary>
    Task<InspectionReply> RectifyAsync(string finding, string reason, ActorInfo actor);

    /// <summary>The deadline scheduler: record the lights that changed.</summary>
    Task WakeAsync();
}

/// <summary>The list of inspections (a registry stream), scoped by the caller.</summary>
public interface IInspectionRegistryGrain : IGrainWithIntegerKey
{
    Task<InspectionListReply> ListAsync(ActorInfo actor);

    /// <summary>Called by an inspection once it is durable; idempotent by id.</summary>
    Task AddAsync(InspectionSummary summary);
}

[GenerateSerializer, Immutable, Alias("landflow.FindingCommand")]
public sealed record FindingCommand([property: Id(0)] string Text, [property: Id(1)] int WorkingDays);

[GenerateSerializer, Immutable, Alias("landflow.OpenInspectionCommand")]
public sealed record OpenInspectionCommand(
    [property: Id(0)] string Title,
    [property: Id(1)] string? County,
    [property: Id(2)] string? Department,
    [property: Id(3)] IReadOnlyList<FindingCommand> Findings);

/// <param name="WorkingDaysLeft">Working days to the last day allowed (0 on it, negative once overdue) when it was read;
/// null once rectified.</param>
[GenerateSerializer, Immutable, Alias("landflow.FindingView")]
public sealed record FindingView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text,
    [property: Id(2)] int WorkingDays,
    [property: Id(3)] DateTimeOffset IssuedAt,
    [property: Id(4)] DateTimeOffset DueAt,
    [property: Id(5)] string Light,
    [property: Id(6)] DateTimeOffset? RectifiedAt,
    [property: Id(7)] string? RectifiedBy,
    [property: Id(8)] string? Reason,
    [property: Id(9)] int? WorkingDaysLeft);

[GenerateSerializer, Immutable, Alias("landflow.InspectionView")]
public sealed record InspectionView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string? County,
    [property: Id(3)] string? Department,
    [property: Id(4)] string OpenedBy,
    [property: Id(5)] DateTimeOffset OpenedAt,
    [property: Id(6)] IReadOnlyList<FindingView> Findings);

[GenerateSerializer, Immutable, Alias("landflow.InspectionReply")]
public sealed record InspectionReply([property: Id(0)] InspectionView? Inspection, [property: Id(1)] Refusal? Refusal);

[GenerateSerializer, Immutable, Alias("landflow.InspectionSummary")]
public sealed record InspectionSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string? County,
    [property: Id(3)] string? Department,
    [property: Id(4)] DateTimeOffset OpenedAt);

[GenerateSerializer, Immutable, Alias("landflow.InspectionListReply")]
public sealed record InspectionListReply([property: Id(0)] IReadOnlyList<InspectionSummary>? Inspections, [property: Id(1)] Refusal? Refusal);
