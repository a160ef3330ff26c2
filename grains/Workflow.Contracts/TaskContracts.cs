namespace Workflow.Contracts;

/// <summary>
/// The officer's desk: the steps waiting on their department (and county) from the analytics read model, oldest due first,
/// and what a step's form asks (the facts its template makes completing it carry). Stateless: any silo answers. Who sees a
/// task is decided here from the caller, by the same rule as who may act on it.
/// </summary>
public interface ITaskListGrain : IGrainWithIntegerKey
{
    /// <summary>The caller's open steps (received, in progress, suspended), by due date, filtered and paged, with counts
    /// per state and light.</summary>
    Task<TaskListReply> ListAsync(TaskQuery query, ActorInfo actor);

    /// <summary>What acting on one step of a template takes (its kind and completion facts); null when there is no such step.</summary>
    Task<TaskStepForm?> StepFormAsync(string templateId, int version, string step);
}

/// <summary><c>State</c>: received, in-progress or suspended (null: any open); <c>Light</c>: green, yellow, red; <c>Step</c>:
/// a step key; <c>Text</c>: part of the project's code or name.</summary>
[GenerateSerializer, Immutable, Alias("landflow.TaskQuery")]
public sealed record TaskQuery(
    [property: Id(0)] string? State = null,
    [property: Id(1)] string? Step = null,
    [property: Id(2)] string? Light = null,
    [property: Id(3)] string? Text = null,
    [property: Id(4)] int Page = 1,
    [property: Id(5)] int PageSize = 20);

/// <summary>One open step on the desk: its project, since when it waits, when it is due (the last day, China time) and the
/// working days left (negative: overdue); null when the step has no limit or its clock is stopped.</summary>
[GenerateSerializer, Immutable, Alias("landflow.TaskItem")]
public sealed record TaskItem(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string County,
    [property: Id(3)] string Step,
    [property: Id(4)] string Department,
    [property: Id(5)] string State,
    [property: Id(6)] string Light,
    [property: Id(7)] DateTimeOffset ReceivedAt,
    [property: Id(8)] DateTimeOffset? DueAt,
    [property: Id(9)] DateOnly? Due,
    [property: Id(10)] int? WorkingDaysLeft,
    [property: Id(11)] string TemplateId,
    [property: Id(12)] int TemplateVersion,
    [property: Id(13)] string? Liaison);

/// <summary>The desk's open steps per state and per light, under the query's step and text but not its state or light, so
/// each count says what choosing it would list.</summary>
[GenerateSerializer, Immutable, Alias("landflow.TaskCounts")]
public sealed record TaskCounts(
    [property: Id(0)] int Received,
    [property: Id(1)] int InProgress,
    [property: Id(2)] int Suspended,
    [property: Id(3)] int Green,
    [property: Id(4)] int Yellow,
    [property: Id(5)] int Red)
{
    public int All => Received + InProgress + Suspended;
}

[GenerateSerializer, Immutable, Alias("landflow.TaskList")]
public sealed record TaskList(
    [property: Id(0)] IReadOnlyList<TaskItem> Items,
    [property: Id(1)] int Total,
    [property: Id(2)] int Page,
    [property: Id(3)] int PageSize,
    [property: Id(4)] TaskCounts Counts,
    [property: Id(5)] DateTimeOffset AsOf);

[GenerateSerializer, Immutable, Alias("landflow.TaskListReply")]
public sealed record TaskListReply([property: Id(0)] TaskList? Value, [property: Id(1)] Refusal? Refusal);

/// <summary>A fact completing a step carries, as the template defines it: <c>Kind</c> PositiveNumber, Count, Boolean,
/// Covers, SignedHouseholds or Holdouts; <c>Minimum</c> and <c>AtMost</c> (another fact) bound a count.</summary>
[GenerateSerializer, Immutable, Alias("landflow.TaskFactView")]
public sealed record TaskFactView(
    [property: Id(0)] string Fact,
    [property: Id(1)] string Kind,
    [property: Id(2)] bool Optional,
    [property: Id(3)] int? Minimum,
    [property: Id(4)] string? AtMost,
    [property: Id(5)] string? Law);

/// <summary>What a step's form takes: <c>Kind</c> Standard, FarmlandBalance, Filing or Final; <c>OnRequestFact</c> the fact
/// starting it must carry when it is held only on request (true holds it, false skips it).</summary>
[GenerateSerializer, Immutable, Alias("landflow.TaskStepForm")]
public sealed record TaskStepForm(
    [property: Id(0)] string Step,
    [property: Id(1)] string Kind,
    [property: Id(2)] IReadOnlyList<TaskFactView> CompletionFacts,
    [property: Id(3)] string? OnRequestFact,
    [property: Id(4)] string? Law);
