using Orleans.Concurrency;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Projections;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>
/// The open land problems (涉土问题) across projects, over the <c>problems</c> read model. Stateless: the read model is in
/// the shared database, so every silo answers locally; the caller's <see cref="LandProblemScope"/> narrows every query.
/// </summary>
// Reentrant: no state to guard, and without it a silo runs one call per core while the rest wait on store round trips.
[StatelessWorker, Reentrant]
public sealed class LandProblemBoardGrain(IReadModelDatabase database) : Grain, ILandProblemBoardGrain
{
    public async Task<OpenProblemsReply> OpenAsync(string? county, ActorInfo actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (LandProblemScope.Of(actor.ToDomain()) is not { } own)
        {
            return new OpenProblemsReply(null, null, Refusal.RoleForbidden("Enterprises see the land problems of their own projects on each project."));
        }

        if (own.Narrow(string.IsNullOrWhiteSpace(county) ? null : county) is not { } scope)
        {
            return new OpenProblemsReply(null, null, Refusal.Forbidden(Rules.DashboardScopeForbidden, $"County {county} lies outside what you may read."));
        }

        await using var connection = await database.OpenAsync();
        await LandProblemQueries.EnsureSchemaAsync(connection, database.Dialect, CancellationToken.None);
        var rows = await LandProblemQueries.OpenAsync(connection, scope, CancellationToken.None);
        var counts = await LandProblemQueries.CountPerCountyAsync(connection, scope, CancellationToken.None);
        return new OpenProblemsReply(
            [.. rows.Select(r => new OpenProblemView(r.ProjectCode, r.ProjectName, r.County, r.Id, r.Title, r.Step, r.Department, r.Liaison, r.RecordedAt, r.AssignedAt, r.LastNoteAt))],
            counts,
            null);
    }
}
