using System.Text.Json.Nodes;

namespace Workflow.Domain;

/// <summary>
/// Land problems (涉土问题) on a project: what stands in the way of its land (a grave to move, a boundary in dispute, a
/// household's objection). The project's liaison or a leader records one and assigns it to a department, which works it
/// in the project's county; the liaison, a leader or the assigned department's officers follow it with notes; the liaison
/// or the assigned department's officer resolves it with a note. Every act is in the project's history.
/// </summary>
public sealed partial class Project
{
    /// <summary>A title is a line, not a paragraph: the description holds the rest.</summary>
    public const int MaxProblemTitleLength = 200;

    /// <summary>The most land problems one project holds: far above any real project's, and it keeps the state small.</summary>
    public const int MaxProblems = 200;

    public IReadOnlyList<LandProblemState> Problems => State.Problems;

    /// <summary>Records a land problem, optionally naming the step it blocks; <paramref name="description"/> is kept as the
    /// event's reason.</summary>
    public Refusal? RecordProblem(string? title, string? description, string? stepKey, Actor actor, DateTimeOffset now)
    {
        if (ReadableBy(actor) is { } hidden)
        {
            return hidden;
        }

        if (!IsProblemKeeper(actor))
        {
            return Refusal.RoleForbidden("Only the project's liaison or a leader records a land problem (涉土问题).");
        }

        if (IsClosed)
        {
            return Refusal.Conflict(Rules.ProjectClosed, $"The project is {Names.Of(State.Status)}; no land problem can be recorded on it.");
        }

        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > MaxProblemTitleLength)
        {
            return Refusal.Invalid(Rules.InvalidProblem, $"A land problem needs a title of 1 to {MaxProblemTitleLength} characters.");
        }

        if (!string.IsNullOrEmpty(stepKey) && (Template.Find(stepKey) is null || State.FindStep(stepKey) is null))
        {
            return Refusal.Invalid(Rules.UnknownStep, $"Template {Template.Id} has no step '{stepKey}'.");
        }

        if (State.Problems.Count >= MaxProblems)
        {
            return Refusal.Invalid(Rules.InvalidProblem, $"A project holds at most {MaxProblems} land problems.");
        }

        var problem = new LandProblemState
        {
            Id = State.Problems.Count + 1,
            Title = title.Trim(),
            Description = string.IsNullOrWhiteSpace(description) ? null : description,
            Step = string.IsNullOrEmpty(stepKey) ? null : stepKey,
            RecordedBy = actor.Id,
            RecordedAt = now,
        };
        State.Problems.Add(problem);
        Append(now, actor, EventKinds.ProblemRecorded, problem.Step, problem.Description, ProblemFacts(problem, actor));
        return null;
    }

    /// <summary>Assigns (or reassigns) an open land problem to a department the templates know; it works the problem in the
    /// project's county.</summary>
    public Refusal? AssignProblem(int id, string? department, string? note, Actor actor, DateTimeOffset now)
    {
        if (OpenProblem(id, actor, out var problem) is { } refused)
        {
            return refused;
        }

        if (!IsProblemKeeper(actor))
        {
            return Refusal.RoleForbidden("Only the project's liaison or a leader assigns a land problem to a department.");
        }

        if (string.IsNullOrWhiteSpace(department) || !environment.Templates.Departments.Contains(department, StringComparer.Ordinal))
        {
            return Refusal.Invalid(Rules.ProblemDepartmentUnknown, $"No template names a department '{department}'.");
        }

        if (problem!.Department == department)
        {
            return Refusal.Invalid(Rules.InvalidProblem, $"Land problem {id} is already assigned to '{department}'.");
        }

        var previous = problem.Department;
        problem.Department = department;
        problem.AssignedAt = now;
        var facts = ProblemFacts(problem, actor);
        facts["previous"] = previous;
        Append(now, actor, EventKinds.ProblemAssigned, problem.Step, note, facts);
        return null;
    }

    /// <summary>A note on an open land problem's progress: the liaison, a leader or the assigned department's officer.</summary>
    public Refusal? FollowProblem(int id, string? note, Actor actor, DateTimeOffset now)
    {
        if (OpenProblem(id, actor, out var problem) is { } refused)
        {
            return refused;
        }

        if (!IsProblemKeeper(actor) && !IsAssignedOfficer(actor, problem!))
        {
            return Refusal.RoleForbidden("Only the project's liaison, a leader or the assigned department's officer follows a land problem.");
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            return Refusal.Invalid(Rules.ReasonRequired, "Following a land problem means saying what happened: a note is required.");
        }

        problem!.Notes++;
        problem.LastNoteAt = now;
        Append(now, actor, EventKinds.ProblemFollowed, problem.Step, note, ProblemFacts(problem, actor));
        return null;
    }

    /// <summary>Resolves an open land problem with a note saying how: the project's liaison, or an officer of the
    /// department it is assigned to.</summary>
    public Refusal? ResolveProblem(int id, string? note, Actor actor, DateTimeOffset now)
    {
        if (OpenProblem(id, actor, out var problem) is { } refused)
        {
            return refused;
        }

        if (!IsProjectLiaison(actor) && !IsAssignedOfficer(actor, problem!))
        {
            return Refusal.RoleForbidden("Only the project's liaison or an officer of the assigned department resolves a land problem.");
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            return Refusal.Invalid(Rules.ReasonRequired, "A land problem is resolved with a note saying how.");
        }

        problem!.ResolvedAt = now;
        problem.ResolvedBy = actor.Id;
        problem.Resolution = note;
        Append(now, actor, EventKinds.ProblemResolved, problem.Step, note, ProblemFacts(problem, actor));
        return null;
    }

    /// <summary>Refuses unless <paramref name="actor"/> sees the project and it has land problem <paramref name="id"/>, open.</summary>
    private Refusal? OpenProblem(int id, Actor actor, out LandProblemState? problem)
    {
        problem = null;
        if (ReadableBy(actor) is { } hidden)
        {
            return hidden;
        }

        problem = State.Problems.FirstOrDefault(p => p.Id == id);
        if (problem is null)
        {
            return Refusal.Invalid(Rules.UnknownProblem, $"Project {State.Code} has no land problem {id}.");
        }

        return problem.IsOpen ? null : Refusal.Conflict(Rules.ProblemResolved, $"Land problem {id} was resolved on {problem.ResolvedAt:yyyy-MM-dd}.");
    }

    private bool IsProjectLiaison(Actor actor) => actor.IsLiaison && actor.Id == State.Liaison;

    private bool IsProblemKeeper(Actor actor) => actor.IsLeader || IsProjectLiaison(actor);

    // ReadableBy has already held an officer to the project's county, if their claims name one.
    private static bool IsAssignedOfficer(Actor actor, LandProblemState problem) =>
        actor.IsOfficer && problem.Department is not null && actor.Department == problem.Department;

    /// <summary>What every problem event carries, so a read model needs no other event to place it: the problem's number
    /// and title, the project's county, name and liaison at this moment (told when someone else resolves it), the department
    /// it is assigned to, and who acted (role).</summary>
    private JsonObject ProblemFacts(LandProblemState problem, Actor actor) => new()
    {
        ["problem"] = problem.Id,
        ["title"] = problem.Title,
        ["county"] = State.County,
        ["name"] = State.Name,
        ["liaison"] = State.Liaison,
        ["department"] = problem.Department,
        ["by"] = actor.Role,
    };
}

/// <summary>One land problem (涉土问题) of a project, as persisted in its state.</summary>
public sealed class LandProblemState
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>The step it blocks, if the recorder named one.</summary>
    public string? Step { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public string? Department { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public int Notes { get; set; }
    public DateTimeOffset? LastNoteAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public string? Resolution { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsOpen => ResolvedAt is null;
}
