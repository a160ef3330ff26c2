using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Workflow.Testing.Notices;
using Xunit.Abstractions;

namespace Workflow.Cluster.Tests;

/// <summary>
/// Issue 11, must-show 1 on the three-silo PostgreSQL cluster: the dev clock (moved on every silo by the gateway)
/// turns a step yellow then red; the liaison's inbox and an open event stream (real HTTP to the gateway's
/// <c>/api/events</c>) receive each notice once. Then the silo running the notices projection is SIGKILLed, and later
/// started again: further clock moves bring their notices, and nothing is lost or doubled.
/// </summary>
public sealed class NoticeTests(ITestOutputHelper output)
{
    private const string Liaison = "liaison-chen";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly string[] Users = [ProjectPlan.Owner, "off-drc", "admin", Liaison];

    [Fact]
    public async Task Cluster_StepTurnsYellowThenRedAndSiloKilled_LiaisonInboxAndStreamGetEachNoticeOnce()
    {
        var started = Stopwatch.StartNew();
        await using var database = await ClusterDatabase.CreateAsync();
        var cluster = await LocalCluster.UpAsync(database.ConnectionString, output.WriteLine);
        try
        {
            await RunAsync(database, cluster, started);
        }
        finally
        {
            await cluster.DisposeAsync();
        }

        // Logs are kept when the run fails (the path is in the test output).
        Directory.Delete(cluster.RunDirectory, recursive: true);
    }

    private async Task RunAsync(ClusterDatabase database, LocalCluster cluster, Stopwatch started)
    {
        await using var observer = await ClusterObserver.ConnectAsync(database.ConnectionString, cluster.ClusterId, cluster.RunDirectory);
        using var api = await GatewayApi.ConnectAsync(cluster.Gateway, Users);
        output.WriteLine($"cluster up in {started.Elapsed.TotalSeconds:0.0} s (run directory {cluster.RunDirectory})");

        // Two projects with the same liaison: the first goes yellow and red before the kill, the second (registered after
        // it, so its time limit runs from then) after it.
        var first = await PrepareAsync(api, ProjectPlan.Create(1));
        await using var stream = await NoticeStream.OpenAsync(api.StreamingClient(Liaison));

        await StartApprovalAsync(api, first);
        await TurnAsync(api, first, "yellow", "red");
        await WaitForNoticesAsync(api, stream, [(first.Code, "yellow"), (first.Code, "red")]);

        // The silo the notices projection runs on vanishes; its inboxes' long polls and the stream's go with it.
        var projectionSilo = await observer.ProjectionSiloAsync("notices") ?? throw new InvalidOperationException("The notices projection grain is active on no silo.");
        var victim = cluster.SiloPorts.ToList().IndexOf(projectionSilo.Endpoint.Port) + 1;
        Assert.InRange(victim, 1, LocalCluster.Silos);
        var killedAt = Stopwatch.GetTimestamp();
        cluster.Kill(victim);
        await WaitUntilAsync(async () => await database.SiloStatusAsync(cluster.ClusterId, projectionSilo.Endpoint.Port, projectionSilo.Generation) == "Dead", "the killed silo declared dead");
        output.WriteLine($"killed silo {victim} ({projectionSilo}), running the notices projection; declared dead after {Stopwatch.GetElapsedTime(killedAt).TotalSeconds:0.0} s");

        // On the two survivors: the second project turns yellow.
        var second = await PrepareAsync(api, ProjectPlan.Create(2));
        await StartApprovalAsync(api, second);
        await TurnAsync(api, second, "yellow");
        await WaitForNoticesAsync(api, stream, [(first.Code, "yellow"), (first.Code, "red"), (second.Code, "yellow")]);
        var rehosted = await observer.ProjectionSiloAsync("notices");
        output.WriteLine($"the notices projection now runs on {rehosted}");

        // The killed silo starts again (restoring the clock's saved offset); the second project turns red.
        await cluster.RestartKilledAsync(victim);
        await TurnAsync(api, second, "red");
        var expected = new[] { (first.Code, "yellow"), (first.Code, "red"), (second.Code, "yellow"), (second.Code, "red") };
        var inbox = await WaitForNoticesAsync(api, stream, expected);

        var items = inbox["items"]!.AsArray().Select(n => n!).ToList();
        Assert.Equal(expected.Length, items.Count);
        Assert.Equal(expected.Length, inbox["unread"]!.GetValue<int>());
        Assert.Equal(expected.Length, items.Select(n => n["id"]!.GetValue<long>()).Distinct().Count());
        Assert.Equal(expected.Length, items.Select(n => (n["stream"]!.GetValue<string>(), n["seq"]!.GetValue<long>())).Distinct().Count());
        Assert.Equal(expected.Order(), items.Select(Key).Order());

        // The stream, across its reconnections, delivered each of them once, in id order, with the inbox's ids.
        var received = stream.Received;
        Assert.Equal(expected, received.Select(r => Key(r.Notice)));
        Assert.Equal(received.Select(r => r.Id).Order(), received.Select(r => r.Id));
        Assert.Equal(items.Select(n => n["id"]!.GetValue<long>()).Order(), received.Select(r => r.Id!.Value).Order());

        // A quiet stream stays open (its long polls end under the gateway's 5 s response timeout); only the kill may
        // have ended it once, if the liaison's inbox grain lived on the killed silo.
        Assert.InRange(stream.Connections, 1, 2);
        output.WriteLine($"stream: {stream}; run took {started.Elapsed.TotalSeconds:0.0} s");
    }

    private static (string, string) Key(JsonNode notice) =>
        (notice["projectCode"]!.GetValue<string>(), notice["light"]!.GetValue<string>());

    /// <summary>Registered, its proposal submitted, the liaison assigned: ready for its approval to start.</summary>
    private static async Task<ProjectPlan> PrepareAsync(GatewayApi api, ProjectPlan plan)
    {
        foreach (var act in plan.Acts.Take(2).Append(plan.AssignLiaison(turn: 1)))
        {
            var answer = await api.PostAsync(act.User, act.Path, act.Body);
            Assert.True(answer.Succeeded, answer.ToString());
        }

        return plan;
    }

    private static async Task StartApprovalAsync(GatewayApi api, ProjectPlan plan)
    {
        var start = plan.Acts.Single(a => a.Name == "approval/start");
        var answer = await api.PostAsync(start.User, start.Path, start.Body);
        Assert.True(answer.Succeeded, answer.ToString());
    }

    /// <summary>Moves the clock until the project's approval shows each light in turn: yellow three days before it is
    /// due (at most three of its working days left, so more than the 80% that make it yellow used), red an hour after.</summary>
    private static async Task TurnAsync(GatewayApi api, ProjectPlan plan, params string[] lights)
    {
        foreach (var light in lights)
        {
            var due = (await ApprovalAsync(api, plan))["dueAt"]!.GetValue<DateTimeOffset>();
            var target = light == "yellow" ? due.AddDays(-3) : due.AddHours(1);
            var moved = await api.PostAsync("admin", "/api/dev/clock", new JsonObject { ["now"] = target.ToString("o", CultureInfo.InvariantCulture) });
            Assert.True(moved.Succeeded, moved.ToString());
            await WaitUntilAsync(async () => (await ApprovalAsync(api, plan))["light"]!.GetValue<string>() == light, $"approval of {plan.Code} {light}");
        }
    }

    private static async Task<JsonNode> ApprovalAsync(GatewayApi api, ProjectPlan plan) =>
        (await api.ReadAsync("admin", $"/api/projects/{plan.Code}"))["steps"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == "approval")!;

    /// <summary>Waits until the liaison's inbox holds exactly the notices expected (never fewer, never more) and the stream
    /// has received as many; returns the inbox.</summary>
    private static async Task<JsonNode> WaitForNoticesAsync(GatewayApi api, NoticeStream stream, IReadOnlyList<(string Code, string Light)> expected)
    {
        JsonNode? inbox = null;
        await WaitUntilAsync(
            async () =>
            {
                inbox = await api.ReadAsync(Liaison, "/api/inbox");
                var count = inbox["items"]!.AsArray().Count;
                Assert.True(count <= expected.Count, $"The inbox holds {count} notices, more than the {expected.Count} expected: {inbox.ToJsonString()}");
                return count == expected.Count;
            },
            $"{expected.Count} notices in the inbox");
        await stream.WaitForAsync(_ => true, expected.Count, Patience);
        return inbox!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * Patience.TotalSeconds);
        while (!await condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Waited {Patience.TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(100);
        }
    }
}
