using System.Diagnostics;
using System.Text.Json.Nodes;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Projections.Tests;

/// <summary>
/// Must-show 2 of issue 11: 10,000 seeded projects committed through the store (SQLite and PostgreSQL), projected by the
/// runner from the history feed; the dashboard's figures (per step waiting by state, red, completed, on time, median and
/// 90th-percentile dwell; per county on-time) equal a recompute over the raw history read back from the store, written
/// here without the projection's code: a walk over each project's events and sorted lists.
/// </summary>
public sealed class AnalyticsProjectionTests
{
    private const int Projects = 10_000;

    [Fact]
    public Task Dashboard_TenThousandProjectsOnSqlite_EqualsRecomputeFromHistory() => Check(SqlDialect.Sqlite);

    [Fact]
    public Task Dashboard_TenThousandProjectsOnPostgres_EqualsRecomputeFromHistory() => Check(SqlDialect.Postgres);

    private static async Task Check(SqlDialect dialect)
    {
        var generated = SyntheticHistories.Generate(Projects, seed: 11);
        var projection = new AnalyticsProjection(AnalyticsTestTemplate.TestProcedure);
        await using var store = await TestStore.CreateAsync(dialect);
        var watch = Stopwatch.StartNew();

        // Seeded as the grains write: each project's history committed to its stream through the store, in parallel so
        // the group commit batches them; the feed then hands them to the projection in commit order.
        await Parallel.ForEachAsync(
            generated.GroupBy(e => e.StreamId),
            new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (stream, ct) => await store.Aggregates.CommitAsync(new AggregateCommit(stream.Key, 0, "{}", [.. stream.Select(e => e.Event)]), ct));
        var seeded = watch.Elapsed;
        var runner = new ProjectionRunner(projection, store.Feed, store.ReadModels, TimeProvider.System);
        var applied = await runner.CatchUpAsync(batchSize: 2_000);

        Assert.Equal(generated.Count, applied);
        // Timings are the benchmark's business (docs/benchmarks/analytics.md); here they are only reported.
        Console.WriteLine($"Seeding took {seeded}, projecting {generated.Count} events {watch.Elapsed - seeded}.");

        // The recompute reads the raw history back from the store, not the list it was seeded from.
        var history = await store.ReadAllAsync(generated.Select(e => e.StreamId).Distinct());
        Assert.Equal(generated.Count, history.Count);
        var database = store.ReadModels;
        var queries = new DashboardQueries(database);
        var filter = new AnalyticsFilter(DashboardScope.Everything, Procedures.LandAcquisition);
        var open = await queries.OpenAsync(filter);
        var dwell = await queries.DwellAsync(filter, null);
        var expected = Recompute(history);

        foreach (var step in SyntheticHistories.Steps)
        {
            var mine = expected.Steps[step];
            foreach (var state in VisitStates.Open)
            {
                Assert.Equal(mine.Open.GetValueOrDefault(state), open.Where(o => o.Step == step && o.State == state).Sum(o => o.Count));
            }

            Assert.Equal(mine.Red, open.Where(o => o.Step == step && o.Light == "red").Sum(o => o.Count));
            var total = dwell.Where(d => d.Step == step && d.Phase == AnalyticsSchema.Phases.Total).ToList();
            Assert.Equal(mine.Dwell.Count, total.Sum(d => d.Visits));
            Assert.Equal(mine.OnTime, total.Where(d => d.OnTime == 1).Sum(d => d.Visits));
            var histogram = total.GroupBy(d => d.Days).Select(g => KeyValuePair.Create(g.Key, g.Sum(d => d.Visits))).ToList();
            Assert.Equal(NearestRank(mine.Dwell, 0.5), DwellPercentiles.Median(histogram));
            Assert.Equal(NearestRank(mine.Dwell, 0.9), DwellPercentiles.P90(histogram));
            var wait = dwell.Where(d => d.Step == step && d.Phase == AnalyticsSchema.Phases.Wait).GroupBy(d => d.Days).Select(g => KeyValuePair.Create(g.Key, g.Sum(d => d.Visits)));
            Assert.Equal(NearestRank(mine.Wait, 0.9), DwellPercentiles.P90(wait));
        }

        foreach (var county in SyntheticHistories.Counties)
        {
            var total = dwell.Where(d => d.County == county && d.Phase == AnalyticsSchema.Phases.Total).ToList();
            Assert.Equal(expected.CountyCompleted.GetValueOrDefault(county), total.Sum(d => d.Visits));
            Assert.Equal(expected.CountyOnTime.GetValueOrDefault(county), total.Where(d => d.OnTime == 1).Sum(d => d.Visits));
        }

        // The data set exercises every figure.
        Assert.All(SyntheticHistories.Steps, s => Assert.True(expected.Steps[s].Red > 0 && expected.Steps[s].Open.Count == 3 && expected.Steps[s].OnTime < expected.Steps[s].Dwell.Count));
    }

    private static int? NearestRank(List<int> values, double q)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        return sorted[(int)Math.Ceiling(q * sorted.Count) - 1];
    }

    private sealed class StepExpectation
    {
        public Dictionary<string, long> Open { get; } = [];
        public long Red { get; set; }
        public long OnTime { get; set; }
        public List<int> Dwell { get; } = [];
        public List<int> Wait { get; } = [];
    }

    private sealed record Expectation(Dictionary<string, StepExpectation> Steps, Dictionary<string, long> CountyCompleted, Dictionary<string, long> CountyOnTime);

    /// <summary>The procedure is a chain (intake on the owner's form, then review, then decision), so a step is received
    /// when the form comes in (intake) or when the step before completes.</summary>
    private static Expectation Recompute(IReadOnlyList<FeedEvent> history)
    {
        var calendar = AnalyticsTestTemplate.TestProcedure.Calendar;
        var steps = SyntheticHistories.Steps.ToDictionary(s => s, _ => new StepExpectation());
        var countyCompleted = new Dictionary<string, long>();
        var countyOnTime = new Dictionary<string, long>();
        foreach (var project in history.GroupBy(e => e.StreamId))
        {
            var events = project.Select(e => e.Event).OrderBy(e => e.Seq).ToList();
            var county = JsonNode.Parse(events[0].FactsJson!)!["county"]!.GetValue<string>();
            DateTimeOffset? received = null, accepted = null, due = null;
            string? state = null, light = null;
            string? current = null;
            var suspendedDays = 0;
            foreach (var e in events)
            {
                switch (e.Kind)
                {
                    case EventKinds.DocumentSubmitted:
                        (current, received, state, light) = ("intake", e.At, VisitStates.Received, "green");
                        break;
                    case EventKinds.Start:
                        (accepted, state, suspendedDays) = (e.At, VisitStates.InProgress, 0);
                        due = calendar.DueAt(e.At, e.Step == "review" ? 10 : 5);
                        break;
                    case EventKinds.Suspend:
                        state = VisitStates.Suspended;
                        break;
                    case EventKinds.Resume:
                        var days = JsonNode.Parse(e.FactsJson!)!["suspendedWorkingDays"]!.GetValue<int>();
                        suspendedDays += days;
                        due = calendar.ExtendByWorkingDays(due!.Value, days);
                        state = VisitStates.InProgress;
                        break;
                    case EventKinds.Light:
                        light = "red";
                        break;
                    case EventKinds.Complete:
                        var wait = calendar.WorkingDaysBetween(received!.Value, accepted!.Value);
                        var work = calendar.WorkingDaysBetween(accepted.Value, e.At) - suspendedDays;
                        var mine = steps[e.Step!];
                        mine.Dwell.Add(wait + work);
                        mine.Wait.Add(wait);
                        countyCompleted[county] = countyCompleted.GetValueOrDefault(county) + 1;
                        if (e.At < due)
                        {
                            mine.OnTime++;
                            countyOnTime[county] = countyOnTime.GetValueOrDefault(county) + 1;
                        }

                        var next = Array.IndexOf(SyntheticHistories.Steps, e.Step) + 1;
                        if (next < SyntheticHistories.Steps.Length)
                        {
                            (current, received, state, light) = (SyntheticHistories.Steps[next], e.At, VisitStates.Received, "green");
                        }
                        else
                        {
                            (current, state) = (null, null);
                        }

                        break;
                    case EventKinds.Withdrawn:
                        (current, state) = (null, null);
                        break;
                }
            }

            if (current is not null && state is not null)
            {
                steps[current].Open[state] = steps[current].Open.GetValueOrDefault(state) + 1;
                if (light == "red")
                {
                    steps[current].Red++;
                }
            }
        }

        return new Expectation(steps, countyCompleted, countyOnTime);
    }
}
