using System.Text.Json.Nodes;

namespace Workflow.Domain;

/// <summary>One act of a recorded history, as it was made: the same call as over HTTP, with its own instant.</summary>
/// <param name="Action">A step action (<see cref="StepActions"/>), <see cref="ProjectImports.SubmitDocument"/> or <see cref="ProjectImports.Withdraw"/>.</param>
/// <param name="Document">The document key of a <see cref="ProjectImports.SubmitDocument"/>.</param>
public sealed record RecordedAct(
    DateTimeOffset At,
    Actor Actor,
    string Action,
    string? Step = null,
    string? Reason = null,
    JsonObject? Facts = null,
    string? Document = null);

/// <summary>
/// Importing a project's recorded history (a project migrated from paper records, the demo data set): its
/// registration and its acts, each at the instant it was made, replayed through the same rules as live acts. Only an
/// administrator or the platform imports, since the acts carry other people's names and past instants; the instants
/// must follow one another, the registration and what the record already holds, and none may lie after now.
/// </summary>
public static class ProjectImports
{
    /// <summary>Acts in one import: a long record is imported in parts (each part after the last).</summary>
    public const int MaxActs = 1_000;

    public const string SubmitDocument = "submit-document";
    public const string Withdraw = "withdraw";

    /// <summary>Everything about an import that needs no replay. <paramref name="recordedUntil"/> is the instant of the
    /// last event the record holds (null for a new project); <paramref name="registeredAt"/> that of a registration
    /// brought with the import. Null when acceptable.</summary>
    public static Refusal? Check(Actor importer, DateTimeOffset? registeredAt, DateTimeOffset? recordedUntil, IReadOnlyList<DateTimeOffset> acts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(acts);
        if (!importer.IsAdmin && !importer.IsSystem)
        {
            return Refusal.Forbidden(Rules.ImportForbidden, "Only an administrator or the platform imports recorded acts.");
        }

        if (acts.Count > MaxActs)
        {
            return Refusal.Invalid(Rules.ImportTooLarge, $"An import holds at most {MaxActs} acts, not {acts.Count}; import the record in parts.");
        }

        if (registeredAt is { } registered && registered > now)
        {
            return Refusal.Invalid(Rules.ImportInFuture, $"The registration at {registered:O} lies after now ({now:O}).");
        }

        var previous = registeredAt ?? recordedUntil;
        for (var i = 0; i < acts.Count; i++)
        {
            if (acts[i] > now)
            {
                return Refusal.Invalid(Rules.ImportInFuture, $"Act {i} at {acts[i]:O} lies after now ({now:O}).");
            }

            if (previous is { } before && acts[i] < before)
            {
                var what = i > 0 ? $"act {i - 1}" : registeredAt is not null ? "the registration" : "the record's last event";
                return Refusal.Invalid(Rules.ImportOutOfOrder, $"Act {i} at {acts[i]:O} lies before {what} ({before:O}).");
            }

            previous = acts[i];
        }

        return null;
    }

    /// <summary>Applies one recorded act at its instant (a <c>reserve</c> needs the ledgers: see
    /// <see cref="Project.BeginReservation"/>).</summary>
    public static Refusal? Apply(Project project, RecordedAct act)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(act);
        return act.Action switch
        {
            SubmitDocument => InputLimits.CheckDocumentKey(act.Document) ?? project.SubmitDocument(act.Document!, act.Actor, act.At),
            Withdraw => InputLimits.CheckReason(act.Reason) ?? project.Withdraw(act.Actor, act.Reason, act.At),
            _ when act.Step is null => Refusal.Invalid(Rules.UnknownStep, $"A '{act.Action}' act names its step."),
            _ => project.Act(act.Step, act.Action, act.Actor, act.Reason, act.Facts, act.At),
        };
    }

    /// <summary>Records every light change that fell due after <paramref name="from"/> up to <paramref name="until"/>,
    /// each at the instant it fell due, as the deadline scheduler would have; a closed project's lights no longer change.</summary>
    public static void CatchUpLights(Project project, DateTimeOffset from, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (project.IsClosed)
        {
            return;
        }

        var checkedAt = from;
        while (project.NextDeadline(checkedAt) is { } due && due <= until)
        {
            project.RefreshLights(due);
            checkedAt = due;
        }

        project.RefreshLights(until);
    }
}
