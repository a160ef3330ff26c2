using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Projections.Tests;

/// <summary>A campaign's completions per week, counted by <see cref="CampaignQueries"/> on SQLite and PostgreSQL, equal
/// those picked here from every visit of the read model by the campaign's terms (state done, done in the window's China
/// days, in scope), written without the query's SQL.</summary>
public sealed class CampaignQueriesTests
{
    [Fact]
    public Task Completions_StepsInTwoCountiesOnSqlite_EqualThoseOfTheVisitsInScope() => CheckAsync(SqlDialect.Sqlite);

    [Fact]
    public Task Completions_StepsInTwoCountiesOnPostgres_EqualThoseOfTheVisitsInScope() => CheckAsync(SqlDialect.Postgres);

    private static async Task CheckAsync(SqlDialect dialect)
    {
        var generated = SyntheticHistories.Generate(300, seed: 5);
        await using var store = await TestStore.CreateAsync(dialect);
        await Parallel.ForEachAsync(
            generated.GroupBy(e => e.StreamId),
            async (stream, ct) => await store.Aggregates.CommitAsync(new AggregateCommit(stream.Key, 0, "{}", [.. stream.Select(e => e.Event)]), ct));
        await new ProjectionRunner(new AnalyticsProjection(AnalyticsTestTemplate.TestProcedure), store.Feed, store.ReadModels, TimeProvider.System).CatchUpAsync();
        var visits = await ReadVisitsAsync(store.ReadModels);
        var done = visits.Where(v => v.State == VisitStates.Done).ToList();
        Assert.NotEmpty(done);

        // A window of the middle of the completions, starting and ending mid-week.
        var days = done.Select(v => WorkingCalendar.LocalDate(v.DoneAt!.Value)).Order().ToList();
        var (first, last) = (days[days.Count / 4], days[days.Count * 3 / 4]);
        var procedure = done[0].Procedure;
        string[] counties = [SyntheticHistories.Counties[0], SyntheticHistories.Counties[2]];
        var steps = new Campaign
        {
            Id = "c-steps", First = first, Last = last,
            Scope = new CampaignScope([], procedure, [SyntheticHistories.Steps[1], SyntheticHistories.Steps[2]], counties),
        };
        var projects = new Campaign
        {
            Id = "c-projects", First = first, Last = last,
            Scope = new CampaignScope([.. done.Select(v => v.Code).Distinct().Take(40)], null, [], []),
        };
        var queries = new CampaignQueries(store.ReadModels);

        foreach (var campaign in new[] { steps, projects })
        {
            var expected = done
                .Where(v => WorkingCalendar.LocalDate(v.DoneAt!.Value) is var day && day >= first && day <= last)
                .Where(v => campaign.Scope.IsProjects
                    ? campaign.Scope.Projects.Contains(v.Code)
                    : v.Procedure == procedure && campaign.Scope.Steps.Contains(v.Step) && campaign.Scope.Counties.Contains(v.County))
                .GroupBy(v => (Week: IsoWeeks.Of(v.DoneAt!.Value), OnTime: v.OnTime ?? -1))
                .Select(g => new CampaignCompletions(g.Key.Week, g.Key.OnTime, g.Count()))
                .OrderBy(c => c.Week, StringComparer.Ordinal).ThenBy(c => c.OnTime)
                .ToList();

            var counted = (await queries.CompletionsAsync(campaign)).OrderBy(c => c.Week, StringComparer.Ordinal).ThenBy(c => c.OnTime).ToList();

            Assert.NotEmpty(expected);
            Assert.Equal(expected, counted);
        }
    }

    private sealed record Visit(string Code, string Step, string County, string Procedure, string State, DateTimeOffset? DoneAt, int? OnTime);

    private static async Task<IReadOnlyList<Visit>> ReadVisitsAsync(IReadModelDatabase database)
    {
        await using var connection = await database.OpenAsync();
        return await ReadModelSql.QueryAsync(connection, null, "SELECT code, step, county, procedure, state, done_at, on_time FROM analytics_visits", r => new Visit(
            r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
            r.IsDBNull(5) ? null : new DateTimeOffset(Convert.ToInt64(r.GetValue(5), System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero),
            r.IsDBNull(6) ? null : Convert.ToInt32(r.GetValue(6), System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None);
    }
}
