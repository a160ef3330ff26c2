using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>How a project's state becomes one atomic commit: state, new history, index row and next deadline.</summary>
public static class ProjectCommits
{
    public static AggregateCommit Build(Project project, long expectedVersion, DateTimeOffset now)
    {
        var state = project.State;
        return new AggregateCommit(
            ProjectStreams.For(state.Code),
            expectedVersion,
            DomainJson.SerializeState(state),
            [.. project.Uncommitted.Select(e => new StoredEvent(e.Seq, e.At, e.Actor, e.Kind, e.Step, e.Reason, e.Facts?.ToJsonString(DomainJson.Options)))],
            new ProjectIndexEntry(state.Code, state.Name, state.County, state.OwnerUscc, state.Liaison, Names.Of(state.Status),
                Names.Of(project.ProjectLight), project.OpenStepKeys, state.RegisteredAt, now),
            new DeadlineChange(HasQuotaFollowUp(state) ? now : project.NextDeadline(now)));
    }

    /// <summary>Quota work left by a failure is due at once, so the scheduler re-drives it without a request.</summary>
    public static bool HasQuotaFollowUp(ProjectState state) =>
        state.PendingReservation is not null || state.PendingLedgerOperations.Count > 0;
}
