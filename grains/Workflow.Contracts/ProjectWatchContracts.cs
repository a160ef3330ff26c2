namespace Workflow.Contracts;

/// <summary>A project's status at a version of its stream, as a page keeps it live: the view, and for each open step with
/// a due date the last day it is due on and the working days left (negative when overdue), counted on the working calendar
/// (which the gateway does not hold). <c>Version</c> is what the next <see cref="IProjectGrain.WaitForChangeAsync"/> waits after.</summary>
[GenerateSerializer, Immutable, Alias("landflow.ProjectStatusView")]
public sealed record ProjectStatusView(
    [property: Id(0)] long Version,
    [property: Id(1)] ProjectView Project,
    [property: Id(2)] IReadOnlyList<StepDueView> Due,
    [property: Id(3)] DateOnly Today);

/// <summary>An open step's last day (China date) and the working days left until it, negative when overdue.</summary>
[GenerateSerializer, Immutable, Alias("landflow.StepDueView")]
public sealed record StepDueView(
    [property: Id(0)] string Step,
    [property: Id(1)] DateOnly Due,
    [property: Id(2)] int WorkingDaysLeft);

/// <summary>The answer of a wait: the status when the project is past the version waited after, neither when the wait
/// ran out first, or the refusal (not found: a caller who may not see the project learns nothing more).</summary>
[GenerateSerializer, Immutable, Alias("landflow.ProjectWatchReply")]
public sealed record ProjectWatchReply(
    [property: Id(0)] ProjectStatusView? Status,
    [property: Id(1)] Refusal? Refusal);

/// <summary>What a registration would meet, without registering: the field problems of the domain's validation (by field
/// name as the API spells it, English text), the first refusal the registration would get (null when it would be
/// accepted), and the approval level (and who approves) its areas and procedure give it, when they are valid.</summary>
[GenerateSerializer, Immutable, Alias("landflow.RegistrationPreview")]
public sealed record RegistrationPreview(
    [property: Id(0)] IReadOnlyDictionary<string, string[]> Errors,
    [property: Id(1)] Refusal? Refusal,
    [property: Id(2)] string? ApprovalLevel,
    [property: Id(3)] ApprovalAuthorityView? Authority);
