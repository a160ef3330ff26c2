using Microsoft.Extensions.Time.Testing;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains.Tests;

public sealed class DeadlineSchedulerTests
{
    [Fact]
    public async Task Deadline_ClockPassesEightyPercentThenDue_RecordsYellowThenRedWithoutARequest()
    {
        await using var cluster = await LandFlowCluster.StartAsync();
        var project = await ProjectDriver.RegisterAsync(cluster);
        await project.SubmitAllDocumentsAsync();
        var started = await project.DoAsync("approval", StepActions.Start);
        var approval = started.Steps.Single(s => s.Key == "approval");
        var stream = "project/" + project.Code;

        // Only the clock moves; the scheduler's own timer wakes the project.
        cluster.Clock.SetUtcNow(WorkingCalendar.StartOfDay(WorkingCalendar.Embedded().AddWorkingDays(new DateOnly(2026, 3, 2), 17)).AddHours(1));
        await WaitForLightAsync(cluster.Store, stream, "yellow");
        cluster.Clock.SetUtcNow(approval.DueAt!.Value.AddHours(1));
        await WaitForLightAsync(cluster.Store, stream, "red");

        var lights = (await cluster.Store.ReadEventsAsync(stream)).Where(e => e.Kind == EventKinds.Light).ToList();
        Assert.Equal(2, lights.Count);
        Assert.All(lights, e => Assert.Equal("system", e.Actor));
        Assert.Equal("red", (await project.StatusAsync()).Light);
    }

    [Fact]
    public async Task Deadline_DueWhileTheSiloWasDown_FiresAfterRestart()
    {
        var directory = Directory.CreateTempSubdirectory("landflow-restart-").FullName;
        var clock = new FakeTimeProvider(LandFlowCluster.Start);
        string code;
        DateTimeOffset due;
        await using (var first = await LandFlowCluster.StartAsync(directory, clock, ownsDirectory: false))
        {
            var project = await ProjectDriver.RegisterAsync(first);
            await project.SubmitAllDocumentsAsync();
            due = (await project.DoAsync("approval", StepActions.Start)).Steps.Single(s => s.Key == "approval").DueAt!.Value;
            code = project.Code;
        }

        clock.SetUtcNow(due.AddDays(1));
        await using (var second = await LandFlowCluster.StartAsync(directory, clock, ownsDirectory: true))
        {
            await second.Deadlines.SweepAsync();

            var lights = (await second.Store.ReadEventsAsync("project/" + code)).Where(e => e.Kind == EventKinds.Light).ToList();
            Assert.Equal("red", lights[^1].FactsJson is { } facts ? System.Text.Json.Nodes.JsonNode.Parse(facts)!["to"]!.GetValue<string>() : null);
        }
    }

    private static async Task WaitForLightAsync(IAggregateStore store, string stream, string light)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var events = await store.ReadEventsAsync(stream, cancellationToken: timeout.Token);
            if (events.Any(e => e.Kind == EventKinds.Light && e.FactsJson!.Contains($"\"to\":\"{light}\"", StringComparison.Ordinal)))
            {
                return;
            }

            await Task.Delay(20, timeout.Token);
        }
    }
}
