using System.Text.Json.Nodes;
using Workflow.Domain;
using Workflow.Storage;
using static Workflow.Testing.Analytics.AnalyticsTestTemplate;

namespace Workflow.Testing.Analytics;

/// <summary>
/// Seeded histories of the test procedure, as the history table would hold them: each project received, accepted,
/// sometimes asked for a supplement, lit red when its limit ran out, completed or left open where the history stops,
/// a few withdrawn. Written as stored events in commit order across projects (the feed's order).
/// </summary>
public static class SyntheticHistories
{
    public static readonly string[] Counties = ["330102", "330105", "330106", "330108", "330109"];
    public static readonly string[] Steps = ["intake", "review", "decision"];
    private static readonly Dictionary<string, int> Limits = new() { ["intake"] = 5, ["review"] = 10, ["decision"] = 5 };

    public static DateTimeOffset Now { get; } = At(new DateOnly(2026, 4, 1));

    public static List<FeedEvent> Generate(int projects, int seed)
    {
        var calendar = TestProcedure.Calendar;
        var random = new Random(seed);
        var all = new List<(DateTimeOffset At, string Stream, ProjectEvent Event)>();
        for (var p = 0; p < projects; p++)
        {
            var stream = $"project/T{p:D6}";
            var events = new List<ProjectEvent>();
            long seq = 0;
            void Add(DateTimeOffset at, string kind, string? step, JsonObject? facts = null) =>
                events.Add(new ProjectEvent(++seq, at, kind == EventKinds.Light ? "system" : "officer", kind, step, null, facts));

            var registered = At(new DateOnly(2025, 6, 2).AddDays(random.Next(280)), 9);
            events.Add(Registered(++seq, registered, Counties[random.Next(Counties.Length)], $"liaison-{random.Next(3)}"));
            var received = registered.AddDays(random.Next(4)).AddHours(1);
            if (received >= Now)
            {
                continue;
            }

            Add(received, EventKinds.DocumentSubmitted, "intake", new JsonObject { ["key"] = "form" });
            foreach (var step in Steps)
            {
                var start = received.AddDays(random.Next(5)).AddHours(1);
                if (random.Next(100) < 8 || start >= Now)
                {
                    break; // received, waiting to be accepted
                }

                Add(start, EventKinds.Start, step);
                var limit = new TimeLimit(Limits[step], TimeUnit.WorkingDays);
                var due = calendar.DueAt(start, Limits[step]);
                var now = start;
                var suspended = 0;
                if (random.Next(100) < 15)
                {
                    var suspendAt = now.AddDays(1 + random.Next(3));
                    var resumeAt = suspendAt.AddDays(2 + random.Next(7));
                    if (due <= suspendAt)
                    {
                        Add(due, EventKinds.Light, step, new JsonObject { ["from"] = "green", ["to"] = "red", ["dueAt"] = due });
                    }

                    if (suspendAt >= Now)
                    {
                        LightIfDue(Now);
                        break;
                    }

                    Add(suspendAt, EventKinds.Suspend, step);
                    if (resumeAt >= Now || random.Next(100) < 5)
                    {
                        break; // suspended now
                    }

                    suspended = calendar.WorkingDaysBetween(suspendAt, resumeAt);
                    due = calendar.ExtendByWorkingDays(due, suspended);
                    Add(resumeAt, EventKinds.Resume, step, new JsonObject { ["suspendedWorkingDays"] = suspended, ["dueAt"] = due });
                    now = resumeAt;
                }

                var done = now.AddDays(1 + random.Next(random.Next(100) < 20 ? 30 : 12)).AddHours(random.Next(6));
                var stop = random.Next(100) < 8 || done >= Now;
                LightIfDue(stop ? Now : done);
                if (stop)
                {
                    break; // in progress now
                }

                if (random.Next(100) < 3)
                {
                    Add(done, EventKinds.Withdrawn, null);
                    break;
                }

                Add(done, EventKinds.Complete, step);
                received = done;

                void LightIfDue(DateTimeOffset until)
                {
                    if (due <= until && !events.Any(e => e.Kind == EventKinds.Light && e.Step == step))
                    {
                        Add(due, EventKinds.Light, step, new JsonObject { ["from"] = "green", ["to"] = "red", ["dueAt"] = due });
                    }
                }
            }

            // History is in the order things happened (a light is recorded when its instant comes).
            var ordered = events.OrderBy(e => e.At).ThenBy(e => e.Seq).Select((e, i) => e with { Seq = i + 1 });
            all.AddRange(ordered.Select(e => (e.At, stream, e)));
        }

        long position = 0;
        return [.. all.OrderBy(x => x.At).Select(x => new FeedEvent(new FeedPosition(0, ++position), x.Stream,
            new StoredEvent(x.Event.Seq, x.Event.At, x.Event.Actor, x.Event.Kind, x.Event.Step, x.Event.Reason, x.Event.Facts?.ToJsonString())))];
    }
}
