using Orleans.Concurrency;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>Serves project lists from the index, scoped to what the caller may see. Stateless, so
/// every silo answers locally.</summary>
[StatelessWorker]
public sealed class ProjectCatalogGrain(IProjectIndex index) : Grain, IProjectCatalogGrain
{
    public const int MaxPageSize = 200;

    public async Task<ProjectListView> QueryAsync(ProjectListQuery query, ActorInfo actor)
    {
        var page = Math.Max(query.Page, 1);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        if (Scope(query, actor) is not { } scoped)
        {
            return new ProjectListView([], 0, page, pageSize);
        }

        var result = await index.QueryAsync(scoped with { Page = page, PageSize = pageSize });
        return new ProjectListView(
            [.. result.Items.Select(i => new ProjectListItem(i.Code, i.Name, i.County, i.State, i.Light, i.OpenSteps, i.OwnerUscc, i.Liaison))],
            result.Total,
            page,
            pageSize);
    }

    /// <summary>The same visibility as <see cref="AccessPolicy"/>, as index filters; null when the
    /// caller asked for something outside what they may see.</summary>
    private static ProjectQuery? Scope(ProjectListQuery query, ActorInfo actor)
    {
        var scoped = new ProjectQuery(query.County, query.State, query.Light, query.Step, query.Liaison);
        return actor.Role switch
        {
            Roles.Admin or Roles.Leader => scoped,
            Roles.Enterprise when actor.Uscc is not null => scoped with { OwnerUscc = actor.Uscc },
            Roles.Liaison when query.Liaison is null || query.Liaison == actor.Id => scoped with { Liaison = actor.Id },
            Roles.Officer when actor.County is null => scoped,
            Roles.Officer when query.County is null || query.County == actor.County => scoped with { County = actor.County },
            _ => null,
        };
    }
}
