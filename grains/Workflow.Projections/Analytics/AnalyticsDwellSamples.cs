using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Projections;

/// <summary>
/// The forecasts' dwell samples, read from the analytics read model: every completed visit's whole dwell (received →
/// done, in working days) per procedure, step and county, summed over departments and on-time flags (the histogram the
/// projection keeps summed over weeks).
/// </summary>
public sealed class AnalyticsDwellSamples(IReadModelDatabase database, TimeProvider time) : IDwellSampleSource
{
    public async Task<DwellSamples> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<(DwellKey Key, int Days, long Visits)> rows;
        try
        {
            rows = await ReadModelSql.QueryAsync(
                connection, null, """
                SELECT procedure, step, county, days, SUM(visits)
                FROM analytics_dwell_totals
                WHERE phase = @phase
                GROUP BY procedure, step, county, days
                """,
                r => (new DwellKey(r.GetString(0), r.GetString(1), r.GetString(2)), Convert.ToInt32(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToInt64(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture)),
                cancellationToken, ("@phase", AnalyticsSchema.Phases.Total)).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException) when (database.Dialect == SqlDialect.Sqlite)
        {
            // The SQLite read-model file gets its tables when the projection first runs; until then there is no history.
            return DwellSamples.Empty;
        }

        var histograms = rows
            .GroupBy(r => r.Key)
            .Select(g => KeyValuePair.Create(g.Key, new DwellHistogram(g.ToDictionary(r => r.Days, r => (int)Math.Min(r.Visits, int.MaxValue)))));
        return new DwellSamples(histograms, time.GetUtcNow());
    }
}
