using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains;

/// <summary>Land problems (涉土问题) on the project: the same activation, commit and history as its other acts.</summary>
public sealed partial class ProjectGrain : IProjectProblemsGrain
{
    public async Task<ProblemsReply> ListProblemsAsync(ActorInfo actor) =>
        await VisibleAfterPendingAsync(actor) is { } current
            ? new ProblemsReply(ProblemViews.From(current.Problems), null)
            : new ProblemsReply(null, NotFound());

    public Task<ProblemsReply> RecordProblemAsync(RecordProblemCommand command, ActorInfo actor)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ApplyProblemAsync(EventKinds.ProblemRecorded, actor, null, (p, a) =>
            InputLimits.CheckReason(command.Description) ?? p.RecordProblem(command.Title, command.Description, command.Step, a, Now));
    }

    public Task<ProblemsReply> AssignProblemAsync(int id, string? department, string? note, ActorInfo actor) =>
        ApplyProblemAsync(EventKinds.ProblemAssigned, actor, id, (p, a) => InputLimits.CheckReason(note) ?? p.AssignProblem(id, department, note, a, Now));

    public Task<ProblemsReply> FollowProblemAsync(int id, string? note, ActorInfo actor) =>
        ApplyProblemAsync(EventKinds.ProblemFollowed, actor, id, (p, a) => InputLimits.CheckReason(note) ?? p.FollowProblem(id, note, a, Now));

    public Task<ProblemsReply> ResolveProblemAsync(int id, string? note, ActorInfo actor) =>
        ApplyProblemAsync(EventKinds.ProblemResolved, actor, id, (p, a) => InputLimits.CheckReason(note) ?? p.ResolveProblem(id, note, a, Now));

    /// <summary>Applies one problem act and commits it; <paramref name="id"/> is the problem acted on, null for a new one.</summary>
    private async Task<ProblemsReply> ApplyProblemAsync(string kind, ActorInfo actor, int? id, Func<Project, Actor, Refusal?> command)
    {
        if (await VisibleAfterPendingAsync(actor) is not { } current)
        {
            return new ProblemsReply(null, NotFound());
        }

        if (command(current, actor.ToDomain()) is { } refusal)
        {
            metrics.Refused(kind, null, refusal.Rule);
            return new ProblemsReply(null, refusal);
        }

        await PersistAsync();
        metrics.Accepted(kind, null);

        // The act is durable; a follow-up commit that failed since has put back the stored project, which holds it.
        var problems = (project ?? current).Problems;
        var acted = id is { } known ? problems.FirstOrDefault(p => p.Id == known) : problems.LastOrDefault();
        return new ProblemsReply(ProblemViews.From(problems), null, acted is null ? null : ProblemViews.From(acted));
    }
}

/// <summary>Land problems as the contracts show them.</summary>
public static class ProblemViews
{
    public const string Open = "open";
    public const string Resolved = "resolved";

    public static IReadOnlyList<LandProblemView> From(IReadOnlyList<LandProblemState> problems) => [.. problems.Select(From)];

    public static LandProblemView From(LandProblemState problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new LandProblemView(
            problem.Id, problem.Title, problem.Description, problem.Step, problem.IsOpen ? Open : Resolved, problem.RecordedBy, problem.RecordedAt,
            problem.Department, problem.AssignedAt, problem.Notes, problem.LastNoteAt, problem.ResolvedAt, problem.ResolvedBy, problem.Resolution);
    }
}
