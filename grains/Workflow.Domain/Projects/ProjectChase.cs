using System.Text.Json.Nodes;

namespace Workflow.Domain;

/// <summary>Chasing (催办) a step: the project's liaison or a leader presses the step's department to act.</summary>
public sealed partial class Project
{
    /// <summary>
    /// Records a chase of an open step. One per step per working day: a chase is counted on the working day it falls in
    /// (a chase on a rest day counts on the next working day, when the department can first act on it), and a second on
    /// the same working day is refused (<see cref="Rules.ChaseTooSoon"/>), so a department is pressed once a day, not
    /// flooded. A reopened round is a fresh step and may be chased at once.
    /// </summary>
    public Refusal? Chase(string stepKey, Actor actor, string? reason, DateTimeOffset now)
    {
        if (ReadableBy(actor) is { } hidden)
        {
            return hidden;
        }

        if (!actor.IsLeader && !(actor.IsLiaison && actor.Id == State.Liaison))
        {
            return Refusal.RoleForbidden("Only the project's liaison or a leader chases (催办) a step.");
        }

        if (Template.Find(stepKey) is null || State.FindStep(stepKey) is not { } step)
        {
            return Refusal.NotFound($"Template {Template.Id} has no step '{stepKey}'.");
        }

        if (IsClosed)
        {
            return Refusal.Conflict(Rules.ProjectClosed, $"The project is {Names.Of(State.Status)}; there is nothing to chase.");
        }

        if (!step.IsOpen)
        {
            return step.Status == StepStatus.Waiting
                ? NotReady(step)
                : Refusal.Conflict(Rules.StepState, $"Cannot chase step '{step.Key}': it is {Names.Of(step.Status)}.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refusal.Invalid(Rules.ReasonRequired, "A chase (催办) must say what is expected.");
        }

        var day = ChaseDay(now);
        if (step.LastChasedAt is { } last && ChaseDay(last) == day)
        {
            return Refusal.Conflict(Rules.ChaseTooSoon, $"Step '{step.Key}' was already chased on working day {day:yyyy-MM-dd}; chase it again on the next working day.");
        }

        step.LastChasedAt = now;
        Append(now, actor, EventKinds.Chase, step.Key, reason, new JsonObject
        {
            ["by"] = actor.Role,
            ["department"] = step.Department,
            ["round"] = step.Round,
        });
        return null;
    }

    /// <summary>The working day a chase at <paramref name="at"/> counts on: its own date, or the next working day.</summary>
    private DateOnly ChaseDay(DateTimeOffset at)
    {
        var date = WorkingCalendar.LocalDate(at);
        while (!environment.Calendar.IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }
}
