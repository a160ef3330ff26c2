using System.Globalization;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Projections;

/// <summary>A campaign's completions per ISO week, counted from the analytics read model's visits (portable SQL). Reads
/// <c>analytics_visits</c> only: a visit is a completion when its state is <c>done</c> and its <c>done_at</c> falls in the
/// window (from the first day's start to the last day's end, China time); <c>done_week</c> is that day's ISO week.</summary>
public sealed class CampaignQueries(IReadModelDatabase database)
{
    public async Task<IReadOnlyList<CampaignCompletions>> CompletionsAsync(Campaign campaign, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var parameters = new List<(string Name, object? Value)>
        {
            ("@from", WorkingCalendar.StartOfDay(campaign.First).UtcTicks),
            ("@to", WorkingCalendar.StartOfDay(campaign.Last.AddDays(1)).UtcTicks),
        };
        var where = "v.state = 'done' AND v.done_at >= @from AND v.done_at < @to";
        var scope = campaign.Scope;
        if (scope.IsProjects)
        {
            where += " AND v.code IN (" + List("c", scope.Projects, parameters) + ")";
        }
        else
        {
            parameters.Add(("@procedure", scope.Procedure));
            where += " AND v.procedure = @procedure AND v.step IN (" + List("s", scope.Steps, parameters) + ")";
            if (scope.Counties.Count > 0)
            {
                where += " AND v.county IN (" + List("k", scope.Counties, parameters) + ")";
            }
        }

        var sql = $"""
            SELECT v.done_week, coalesce(v.on_time, -1), count(*)
            FROM analytics_visits v
            WHERE {where}
            GROUP BY v.done_week, coalesce(v.on_time, -1)
            """;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadModelSql.QueryAsync(connection, null, sql, r => new CampaignCompletions(
            r.GetString(0), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture)),
            cancellationToken, [.. parameters]).ConfigureAwait(false);
    }

    private static string List(string prefix, IReadOnlyList<string> values, List<(string Name, object? Value)> parameters) =>
        string.Join(", ", values.Select((value, i) =>
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"@{prefix}{i}");
            parameters.Add((name, value));
            return name;
        }));
}
