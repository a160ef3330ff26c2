using Orleans.Concurrency;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>Serves project lists from the index, scoped to what the caller may see. Stateless, so
/// every silo answers locally.</summary>
// Reentrant: no state to guard, and without it a silo runs one call per core while the rest wait on store round trips.
[StatelessWorker, Reentrant]
public sealed class ProjectCatalogGrain(IProjectIndex index) : Grain, IProjectCatalogGrain
{
    public const int MaxPageSize = ProjectListFilter.MaxPageSize;

    public async Task<ProjectListReply> QueryAsync(ProjectListQuery query, ActorInfo actor)
    {
        if (ProjectListFilter.Check(query.County, query.State, query.Light, query.Page, query.PageSize) is { } invalid)
        {
            return new ProjectListReply(null, invalid);
        }

        // The domain's one definition of visibility, narrowed by the caller's own filters; nothing when they ask outside it.
        var scope = AccessPolicy.ScopeOf(actor.ToDomain())?.Narrow(query.County, query.Liaison);
        if (scope is null)
        {
            return new ProjectListReply(new ProjectListView([], 0, query.Page, query.PageSize), null);
        }

        var result = await index.QueryAsync(new ProjectQuery(
            scope.County, query.State, query.Light, query.Step, scope.Liaison, scope.OwnerUscc, query.Page, query.PageSize));
        return new ProjectListReply(
            new ProjectListView(
                [.. result.Items.Select(i => new ProjectListItem(i.Code, i.Name, i.County, i.State, i.Light, i.OpenSteps, i.OwnerUscc, i.Liaison))],
                result.Total,
                query.Page,
                query.PageSize),
            null);
    }
}
