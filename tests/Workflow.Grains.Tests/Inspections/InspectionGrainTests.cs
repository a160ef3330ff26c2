using System.Text.Json.Nodes;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains.Tests;

public sealed class InspectionGrainTests
{
    private static readonly ActorInfo Leader = new("leader-li", Roles.Leader, null, null, null);
    private static readonly ActorInfo AnjiOfficer = new("officer-anji-nr", Roles.Officer, null, "natural-resources", "330523");

    private static OpenInspectionCommand Command() =>
        new("二季度执行力检查", "330523", "natural-resources", [new FindingCommand("用地报批材料归档不全", 3)]);

    [Fact]
    public async Task Finding_ClockPassesItsDeadline_SchedulerRecordsYellowThenRedLightEventsWithTheUnit()
    {
        await using var cluster = await LandFlowCluster.StartAsync();
        var id = "insp-" + Guid.NewGuid().ToString("N");
        var opened = await cluster.Client.GetGrain<IInspectionGrain>(id).OpenAsync(Command(), Leader);
        var due = opened.Inspection!.Findings[0].DueAt;

        // Only the clock moves; the deadline scheduler wakes the inspection.
        cluster.Clock.SetUtcNow(due.AddHours(1));
        var lights = await WaitForLightAsync(cluster.Store, "inspection/" + id, "red");

        var red = JsonNode.Parse(lights[^1].FactsJson!)!;
        Assert.Equal("f1", red["finding"]!.GetValue<string>());
        Assert.Equal("red", red["to"]!.GetValue<string>());
        Assert.Equal("330523", red["county"]!.GetValue<string>());
        Assert.Equal("natural-resources", red["department"]!.GetValue<string>());
        Assert.Equal(due, red["deadline"]!.GetValue<DateTimeOffset>());
        Assert.All(lights, entry => Assert.Equal("system", entry.Actor));
        Assert.Equal("red", (await cluster.Client.GetGrain<IInspectionGrain>(id).GetAsync(Leader)).Inspection!.Findings[0].Light);
    }

    [Fact]
    public async Task Rectify_ByTheUnitsOfficer_IsDurableAndListedForThemButNotForAnotherCounty()
    {
        await using var cluster = await LandFlowCluster.StartAsync();
        var id = "insp-" + Guid.NewGuid().ToString("N");
        var inspection = cluster.Client.GetGrain<IInspectionGrain>(id);
        await inspection.OpenAsync(Command(), Leader);

        var again = await inspection.OpenAsync(Command(), Leader);
        var other = await inspection.OpenAsync(Command() with { Title = "另一次检查" }, Leader);
        var rectified = await inspection.RectifyAsync("f1", "已补齐归档", AnjiOfficer);

        Assert.NotNull(again.Inspection);
        Assert.Equal(Rules.InspectionExists, other.Refusal!.Rule);
        Assert.Equal("officer-anji-nr", rectified.Inspection!.Findings[0].RectifiedBy);
        var events = await cluster.Store.ReadEventsAsync("inspection/" + id);
        Assert.Equal(["inspection-opened", "rectified"], events.Select(entry => entry.Kind));
        Assert.Equal("已补齐归档", events[1].Reason);

        var registry = cluster.Client.GetGrain<IInspectionRegistryGrain>(0);
        Assert.Contains((await registry.ListAsync(AnjiOfficer)).Inspections!, summary => summary.Id == id);
        Assert.DoesNotContain((await registry.ListAsync(AnjiOfficer with { County = "330521" })).Inspections!, summary => summary.Id == id);
        Assert.Equal(Rules.RoleForbidden, (await registry.ListAsync(new ActorInfo("liaison-wang", Roles.Liaison, null, null, null))).Refusal!.Rule);
    }

    private static async Task<List<StoredEvent>> WaitForLightAsync(IAggregateStore store, string stream, string light)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var lights = (await store.ReadEventsAsync(stream, cancellationToken: timeout.Token)).Where(entry => entry.Kind == "light").ToList();
            if (lights.Any(entry => entry.FactsJson!.Contains($"\"to\":\"{light}\"", StringComparison.Ordinal)))
            {
                return lights;
            }

            await Task.Delay(20, timeout.Token);
        }
    }
}
