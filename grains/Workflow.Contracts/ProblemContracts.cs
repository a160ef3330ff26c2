namespace Workflow.Contracts;

/// <summary>
/// Land problems (涉土问题) on one project, kept by the project grain (the same activation as <see cref="IProjectGrain"/>,
/// keyed by the project code): every act is in the project's history. Who may do what is decided behind this interface.
/// </summary>
public interface IProjectProblemsGrain : IGrainWithStringKey
{
    /// <summary>The project's land problems, oldest first; anyone who may see the project.</summary>
    Task<ProblemsReply> ListProblemsAsync(ActorInfo actor);

    /// <summary>The project's liaison or a leader records one; the reply's <c>Problem</c> is the new one.</summary>
    Task<ProblemsReply> RecordProblemAsync(RecordProblemCommand command, ActorInfo actor);

    /// <summary>The project's liaison or a leader assigns it to a department (in the project's county), which is told.</summary>
    Task<ProblemsReply> AssignProblemAsync(int id, string? department, string? note, ActorInfo actor);

    /// <summary>A note on its progress: the liaison, a leader or the assigned department's officer.</summary>
    Task<ProblemsReply> FollowProblemAsync(int id, string? note, ActorInfo actor);

    /// <summary>Resolved with a note: the liaison or the assigned department's officer.</summary>
    Task<ProblemsReply> ResolveProblemAsync(int id, string? note, ActorInfo actor);
}

/// <summary>The open land problems across projects, from the <c>problems</c> read model, scoped by the caller.</summary>
public interface ILandProblemBoardGrain : IGrainWithIntegerKey
{
    /// <summary>Leaders and administrators every county's (or <paramref name="county"/>'s); an officer their department's
    /// (in their county); a liaison those of their projects.</summary>
    Task<OpenProblemsReply> OpenAsync(string? county, ActorInfo actor);
}

[GenerateSerializer, Immutable, Alias("landflow.RecordProblemCommand")]
public sealed record RecordProblemCommand(
    [property: Id(0)] string? Title,
    [property: Id(1)] string? Description,
    [property: Id(2)] string? Step);

/// <summary>One land problem of a project; <c>State</c> is <c>open</c> or <c>resolved</c>.</summary>
[GenerateSerializer, Immutable, Alias("landflow.LandProblemView")]
public sealed record LandProblemView(
    [property: Id(0)] int Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Description,
    [property: Id(3)] string? Step,
    [property: Id(4)] string State,
    [property: Id(5)] string RecordedBy,
    [property: Id(6)] DateTimeOffset RecordedAt,
    [property: Id(7)] string? Department,
    [property: Id(8)] DateTimeOffset? AssignedAt,
    [property: Id(9)] int Notes,
    [property: Id(10)] DateTimeOffset? LastNoteAt,
    [property: Id(11)] DateTimeOffset? ResolvedAt,
    [property: Id(12)] string? ResolvedBy,
    [property: Id(13)] string? Resolution);

/// <summary>A project's land problems, or why not; <c>Problem</c> is the one a command acted on.</summary>
[GenerateSerializer, Immutable, Alias("landflow.ProblemsReply")]
public sealed record ProblemsReply(
    [property: Id(0)] IReadOnlyList<LandProblemView>? Items,
    [property: Id(1)] Refusal? Refusal,
    [property: Id(2)] LandProblemView? Problem = null);

/// <summary>One open land problem in the read model.</summary>
[GenerateSerializer, Immutable, Alias("landflow.OpenProblemView")]
public sealed record OpenProblemView(
    [property: Id(0)] string ProjectCode,
    [property: Id(1)] string? ProjectName,
    [property: Id(2)] string County,
    [property: Id(3)] int Id,
    [property: Id(4)] string Title,
    [property: Id(5)] string? Step,
    [property: Id(6)] string? Department,
    [property: Id(7)] string? Liaison,
    [property: Id(8)] DateTimeOffset RecordedAt,
    [property: Id(9)] DateTimeOffset? AssignedAt,
    [property: Id(10)] DateTimeOffset? LastNoteAt);

/// <summary>Open land problems (oldest first) with their count per county, or why not.</summary>
[GenerateSerializer, Immutable, Alias("landflow.OpenProblemsReply")]
public sealed record OpenProblemsReply(
    [property: Id(0)] IReadOnlyList<OpenProblemView>? Items,
    [property: Id(1)] IReadOnlyDictionary<string, int>? PerCounty,
    [property: Id(2)] Refusal? Refusal);
