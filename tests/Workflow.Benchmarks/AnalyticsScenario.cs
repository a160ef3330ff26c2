using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Workflow.Domain;
using Workflow.Projections;
using Workflow.Storage;
using Workflow.Storage.Sqlite;
using Workflow.Testing.Analytics;
using Workflow.Vocabulary;

namespace Workflow.Benchmarks;

/// <summary>
/// Issue 11, must-show 3, on SQLite: <c>projects</c> synthetic histories committed through the store (IAggregateStore), the
/// analytics projection rebuilt from the feed by the runner (the rebuild figure), then <c>calls</c> of each dashboard
/// route's queries timed; then acts committed at <c>rate</c> commits/s for <c>seconds</c> while a runner polls every
/// 250 ms as the silo's projection grain does, and each event's lag (commit acknowledged → checkpoint past it) kept.
/// The routes are timed at their read-model queries (DashboardQueries, what DashboardGrain awaits); the grain's folding
/// of the rows in memory and HTTP are not in the figure.
/// </summary>
public static class AnalyticsScenario
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private const int RunnerBatch = 500;

    public static async Task<Dictionary<string, double>> RunAsync(int projects, int calls, int rate, double seconds)
    {
        var result = new Dictionary<string, double>();
        var directory = Directory.CreateTempSubdirectory("landflow-analytics-bench-").FullName;
        var options = new SqliteStoreOptions { DataDirectory = directory };
        var readModels = new SqliteReadModelDatabase(options);
        try
        {
            await using (var store = new SqliteStore(options))
            {
                var generated = SyntheticHistories.Generate(projects, seed: 11);
                var watch = Stopwatch.StartNew();

                // As the grains write: one commit per project's history, in parallel so the store's group commit batches them.
                await Parallel.ForEachAsync(
                    generated.GroupBy(e => e.StreamId),
                    new ParallelOptions { MaxDegreeOfParallelism = 64 },
                    async (stream, ct) => await store.CommitAsync(new AggregateCommit(stream.Key, 0, "{}", [.. stream.Select(e => e.Event)]), ct));
                result["seedSeconds"] = watch.Elapsed.TotalSeconds;
                result["events"] = generated.Count;
                result["projects"] = generated.Select(e => e.StreamId).Distinct().Count();
                generated.Clear();

                var runner = new ProjectionRunner(new AnalyticsProjection(AnalyticsTestTemplate.TestProcedure), store, readModels, TimeProvider.System);
                watch.Restart();
                var applied = await runner.CatchUpAsync(batchSize: RunnerBatch);
                result["rebuildSeconds"] = watch.Elapsed.TotalSeconds;
                result["rebuildEventsPerSecond"] = applied / watch.Elapsed.TotalSeconds;

                await QueriesAsync(new DashboardQueries(readModels), calls, result);
                await LagAsync(store, runner, rate, seconds, result);
            }

            return result;
        }
        finally
        {
            readModels.ReleasePooledConnections();
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Each route's queries as DashboardGrain issues them, for a leader (everything in scope).</summary>
    private static async Task QueriesAsync(DashboardQueries queries, int calls, Dictionary<string, double> result)
    {
        var filter = new AnalyticsFilter(DashboardScope.Everything, Procedures.LandAcquisition);
        var cellScope = new AnalyticsFilter(DashboardScope.Everything, null);
        var weeks = IsoWeeks.LastWeeks(WorkingCalendar.LocalDate(SyntheticHistories.Now), 12);
        var routes = new (string Name, Func<Task> Call)[]
        {
            ("bottlenecks", async () => { await queries.OpenAsync(filter); await queries.DwellAsync(filter, null); }),
            ("heatmap", async () => { await queries.OpenAsync(filter); await queries.DwellAsync(filter, null); }),
            ("cells", async () => await queries.CellAsync(cellScope, "review", "red", null, 1, 50)),
            ("trend", async () => { await queries.DwellAsync(filter, weeks); await queries.RedTurnsAsync(filter, weeks); }),
        };
        foreach (var (name, call) in routes)
        {
            await call(); // the first call warms the JIT and SQLite's page cache
            var log = new LatencyLog();
            for (var i = 0; i < calls; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await call();
                log.Add(start, Stopwatch.GetTimestamp());
            }

            result[name + ".p50"] = log.Percentile(50);
            result[name + ".p95"] = log.Percentile(95);
        }
    }

    /// <summary>Open loop: every 1/rate s one commit starts, not waiting for the one before (as acts arrive from many
    /// users); each pair of commits is a project registered with its form, then its intake started.</summary>
    private static async Task LagAsync(SqliteStore store, ProjectionRunner runner, int rate, double seconds, Dictionary<string, double> result)
    {
        var acknowledged = new ConcurrentDictionary<(string Stream, long Seq), long>();
        var appliedAt = new ConcurrentDictionary<(string Stream, long Seq), long>();
        using var stop = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(PollInterval);
            while (true)
            {
                // As ProjectionGrain: batches while full, then the next tick.
                IReadOnlyList<FeedEvent> events;
                do
                {
                    events = await runner.RunOnceAsync(RunnerBatch);
                    var now = Stopwatch.GetTimestamp();
                    foreach (var e in events)
                    {
                        appliedAt[(e.StreamId, e.Event.Seq)] = now;
                    }
                }
                while (events.Count == RunnerBatch);

                if (stop.IsCancellationRequested && appliedAt.Count >= acknowledged.Count)
                {
                    return;
                }

                await timer.WaitForNextTickAsync();
            }
        });

        var pairs = Math.Max(1, (int)(rate * seconds / 2));
        var interval = 2.0 / rate;
        var began = Stopwatch.GetTimestamp();
        var writes = new List<Task>(pairs);
        var at = SyntheticHistories.Now;
        for (var i = 0; i < pairs; i++)
        {
            var due = began + (long)(i * interval * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var stream = $"project/L{i:D6}";
            writes.Add(Task.Run(async () =>
            {
                await store.CommitAsync(new AggregateCommit(stream, 0, "{}",
                [
                    Stored(AnalyticsTestTemplate.Registered(1, at, SyntheticHistories.Counties[i % SyntheticHistories.Counties.Length], "liaison-0")),
                    Stored(AnalyticsTestTemplate.Act(2, at, EventKinds.DocumentSubmitted, "intake", new JsonObject { ["key"] = "form" })),
                ]));
                var ack = Stopwatch.GetTimestamp();
                acknowledged[(stream, 1)] = ack;
                acknowledged[(stream, 2)] = ack;
                // The stream's version counts its commits, not its events.
                await store.CommitAsync(new AggregateCommit(stream, 1, "{}", [Stored(AnalyticsTestTemplate.Act(3, at.AddHours(1), EventKinds.Start, "intake"))]));
                acknowledged[(stream, 3)] = Stopwatch.GetTimestamp();
            }));
        }

        await Task.WhenAll(writes);
        var offered = Stopwatch.GetElapsedTime(began).TotalSeconds;
        stop.Cancel();
        await poller.WaitAsync(TimeSpan.FromMinutes(2));

        var lags = new LatencyLog();
        foreach (var (key, ack) in acknowledged)
        {
            // An event can be applied before its writer records the acknowledgement; its lag is then nil.
            lags.Add(ack, Math.Max(ack, appliedAt[key]));
        }

        result["lagCommits"] = pairs * 2;
        result["lagCommitsPerSecond"] = pairs * 2 / offered;
        result["lag.p50"] = lags.Percentile(50);
        result["lag.p95"] = lags.Percentile(95);
        result["lag.max"] = lags.Percentile(100);
    }

    private static StoredEvent Stored(ProjectEvent e) => new(e.Seq, e.At, e.Actor, e.Kind, e.Step, e.Reason, e.Facts?.ToJsonString());
}
