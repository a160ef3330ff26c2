using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>How a project's state becomes one atomic commit: state, new history, index row and next deadline.</summary>
public static class ProjectCommits
{
    /// <summary>The commit of everything, for a project whose index row and deadline the store may not hold yet.</summary>
    public static AggregateCommit Build(Project project, long expectedVersion, DateTimeOffset now) =>
        Build(project, expectedVersion, now, stored: null);

    /// <summary>
    /// The commit of what changed since <paramref name="stored"/>: the index row (and its open steps) only when
    /// something a list shows changed, the deadline only when it moved. Most acts change neither, and those rows
    /// and their secondary indexes were most of the single writer's work per act.
    /// </summary>
    /// <param name="followUpInHand">The caller settles the pending quota work itself before it answers (an import), so the
    /// scheduler need not be told to (a crash meanwhile is re-driven by the next call or activation).</param>
    public static AggregateCommit Build(Project project, long expectedVersion, DateTimeOffset now, ProjectStoredRows? stored, bool followUpInHand = false)
    {
        var state = project.State;
        var index = IndexEntry(project, now);
        var deadline = HasQuotaFollowUp(state) && !followUpInHand ? now : project.NextDeadline(now);
        return new AggregateCommit(
            ProjectStreams.For(state.Code),
            expectedVersion,
            DomainJson.SerializeState(state),
            [.. project.Uncommitted.Select(e => new StoredEvent(e.Seq, e.At, e.Actor, e.Kind, e.Step, e.Reason, e.Facts?.ToJsonString(DomainJson.Options)))],
            stored is not null && ListsTheSame(stored.Index, index) ? null : index,
            stored is not null && stored.DueAt == deadline ? null : new DeadlineChange(deadline));
    }

    /// <summary>What the store holds after <paramref name="commit"/>, given what it held before.</summary>
    public static ProjectStoredRows After(AggregateCommit commit, ProjectStoredRows? before) =>
        new(
            commit.Index ?? before?.Index ?? throw new ArgumentException("A first commit carries the index row.", nameof(commit)),
            commit.Deadline is { } deadline ? deadline.DueAt : before!.DueAt);

    /// <summary>Quota work left by a failure is due at once, so the scheduler re-drives it without a request.</summary>
    public static bool HasQuotaFollowUp(ProjectState state) =>
        state.PendingReservation is not null || state.PendingLedgerOperations.Count > 0;

    private static ProjectIndexEntry IndexEntry(Project project, DateTimeOffset now)
    {
        var state = project.State;
        return new ProjectIndexEntry(state.Code, state.Name, state.County, state.OwnerUscc, state.Liaison, Names.Of(state.Status),
            Names.Of(project.ProjectLight), project.OpenStepKeys, state.RegisteredAt, now);
    }

    // UpdatedAt is left out on purpose: it records when the listed fields last changed.
    private static bool ListsTheSame(ProjectIndexEntry stored, ProjectIndexEntry current) =>
        stored.Code == current.Code
        && stored.Name == current.Name
        && stored.County == current.County
        && stored.OwnerUscc == current.OwnerUscc
        && stored.Liaison == current.Liaison
        && stored.State == current.State
        && stored.Light == current.Light
        && stored.RegisteredAt == current.RegisteredAt
        && stored.OpenSteps.SequenceEqual(current.OpenSteps, StringComparer.Ordinal);
}

/// <summary>The index row and deadline a project's last acknowledged commit left in the store.</summary>
public sealed record ProjectStoredRows(ProjectIndexEntry Index, DateTimeOffset? DueAt);
