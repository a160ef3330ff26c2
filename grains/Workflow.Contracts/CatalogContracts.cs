namespace Workflow.Contracts;

/// <summary>Lists projects from the index the project grains keep, never by visiting them.</summary>
public interface IProjectCatalogGrain : IGrainWithIntegerKey
{
    Task<ProjectListView> QueryAsync(ProjectListQuery query, ActorInfo actor);
}

/// <summary>Hands out project codes for registrations that bring none; one per county.</summary>
public interface IProjectCodeAllocatorGrain : IGrainWithStringKey
{
    /// <summary>A new, never issued code of this county for the current month and the given type code.</summary>
    Task<string> NextCodeAsync(string typeCode);
}

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
