namespace Workflow.Contracts;

/// <summary>Lists projects from the index the project grains keep, never by visiting them.</summary>
public interface IProjectCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>The page of projects <paramref name="actor"/> may see, or a refusal of a malformed filter.</summary>
    Task<ProjectListReply> QueryAsync(ProjectListQuery query, ActorInfo actor);
}

/// <summary>Hands out project codes for registrations that bring none; one per county.</summary>
public interface IProjectCodeAllocatorGrain : IGrainWithStringKey
{
    /// <summary>A new, never issued code of this county for the current month and the given type code.</summary>
    Task<string> NextCodeAsync(string typeCode);

    /// <summary>A new, never issued code of this county for the month of <paramref name="issuedOn"/>: a registration
    /// imported from the records of that month.</summary>
    Task<string> IssueCodeAsync(string typeCode, DateOnly issuedOn);
}

/// <summary>Registers projects: checks the caller and the registration, allocates a code when none was asked for, and
/// hands the registration to the project's grain. Stateless, so every silo answers locally.</summary>
public interface IProjectRegistrarGrain : IGrainWithIntegerKey
{
    /// <summary>A repeat after an unknown outcome may register twice under two codes unless the command names its
    /// code; an allocation repeated after a lost silo only skips a serial.</summary>
    Task<ProjectReply> RegisterAsync(RegisterProjectCommand command, ActorInfo actor);

    /// <summary>Checks a registration as <see cref="RegisterAsync"/> does, registering nothing and using no serial: every
    /// field problem by field, the refusal it would get, and the approval level it would get (the registration form).</summary>
    Task<RegistrationPreview> PreviewAsync(RegisterProjectCommand command, ActorInfo actor);

    /// <summary>Imports a project's recorded history (administrators and the platform): checks the caller and the
    /// registration as of its own date, allocates a code of the registration's month when none was asked for, and hands
    /// the import to the project's grain.</summary>
    Task<ProjectReply> ImportAsync(ProjectImport import, ActorInfo actor);
}

[GenerateSerializer, Immutable, Alias("landflow.ProjectListReply")]
public sealed record ProjectListReply(
    [property: Id(0)] ProjectListView? List,
    [property: Id(1)] Refusal? Refusal);

[GenerateSerializer, Immutable, Alias("landflow.ProjectListQuery")]
public sealed record ProjectListQuery(
    [property: Id(0)] string? County,
    [property: Id(1)] string? State,
    [property: Id(2)] string? Light,
    [property: Id(3)] string? Step,
    [property: Id(4)] string? Liaison,
    [property: Id(5)] int Page,
    [property: Id(6)] int PageSize);

[GenerateSerializer, Immutable, Alias("landflow.ProjectListView")]
public sealed record ProjectListView(
    [property: Id(0)] IReadOnlyList<ProjectListItem> Items,
    [property: Id(1)] int Total,
    [property: Id(2)] int Page,
    [property: Id(3)] int PageSize);

[GenerateSerializer, Immutable, Alias("landflow.ProjectListItem")]
public sealed record ProjectListItem(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string County,
    [property: Id(3)] string State,
    [property: Id(4)] string Light,
    [property: Id(5)] IReadOnlyList<string> OpenSteps,
    [property: Id(6)] string OwnerUscc,
    [property: Id(7)] string? Liaison);
