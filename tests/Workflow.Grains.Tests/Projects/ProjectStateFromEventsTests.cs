using System.Text.Json.Nodes;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains.Tests;

/// <summary>
/// A project's state is a fold of its history: after every kind of act, the state rebuilt from the events' deltas
/// alone equals the one the store loads (snapshot and deltas), and the grain that loads it shows the same project.
/// </summary>
/// <remarks>A cluster of its own: these tests move the workflow clock by months.</remarks>
public sealed class ProjectStateFromEventsTests : IAsyncLifetime
{
    private static readonly ActorInfo Liaison = new("liaison-chen", Roles.Liaison);

    private LandFlowCluster Cluster { get; set; } = null!;

    public async Task InitializeAsync() => Cluster = await LandFlowCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    [Fact]
    public async Task Acts_EveryKind_StateRebuiltFromEventsAloneEqualsTheLoadedOne()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        await AssertRebuildsAsync(project, kinds);

        Assert.Null((await project.Grain.AssignLiaisonAsync(Liaison.Id, ProjectDriver.Leader)).Refusal);
        await AssertRebuildsAsync(project, kinds);

        var missing = (await project.StatusAsync()).MissingDocuments;
        foreach (var document in missing)
        {
            Assert.Null((await project.Grain.SubmitDocumentAsync(document.Key, ProjectDriver.Owner)).Refusal);
            await AssertRebuildsAsync(project, kinds);
        }

        await project.DoAsync("approval", StepActions.Start);
        await AssertRebuildsAsync(project, kinds);
        await project.DoAsync("approval", StepActions.Suspend, reason: "补正材料");
        await AssertRebuildsAsync(project, kinds);
        await project.DoAsync("approval", StepActions.Resume, reason: "材料已补正");
        await AssertRebuildsAsync(project, kinds);
        await project.DoAsync("approval", StepActions.Extend, new JsonObject { ["workingDays"] = 5 }, reason: "情况复杂");
        await AssertRebuildsAsync(project, kinds);
        Assert.Null((await project.Grain.ChaseAsync("approval", "请加快办理", ProjectDriver.Leader)).Refusal);
        await AssertRebuildsAsync(project, kinds);

        // Lights turn on the deadline path, with no act: the wake's commit carries them.
        Cluster.Clock.Advance(TimeSpan.FromDays(40));
        await project.Grain.WakeAsync();
        await AssertRebuildsAsync(project, kinds);

        await project.DoAsync("approval", StepActions.Complete);
        await AssertRebuildsAsync(project, kinds);

        var problems = Cluster.Client.GetGrain<IProjectProblemsGrain>(project.Code);
        Assert.Null((await problems.RecordProblemAsync(new RecordProblemCommand("边界争议", "村界不清", null), Liaison)).Refusal);
        Assert.Null((await problems.AssignProblemAsync(1, "natural-resources", null, Liaison)).Refusal);
        Assert.Null((await problems.ResolveProblemAsync(1, "已勘界", ProjectDriver.Officer("natural-resources"))).Refusal);
        await AssertRebuildsAsync(project, kinds);

        // Reserve writes its intent in a commit without events (the pending delta), then the reservation.
        Assert.Null((await Cluster.Ledger("330502").DepositLotAsync(QuotaLedgerCommitFailureTests.Lot("LOT-ES-1", 10_000m, 5_000m), ProjectDriver.Admin)).Refusal);
        await project.DoAsync("farmland_balance", StepActions.Start);
        Assert.Null((await project.ReserveAsync()).Refusal);
        await AssertRebuildsAsync(project, kinds);
        await project.DoAsync("farmland_balance", StepActions.Complete);
        await AssertRebuildsAsync(project, kinds);

        Assert.Null((await project.Grain.WithdrawAsync("项目取消", ProjectDriver.Owner)).Refusal);
        await AssertRebuildsAsync(project, kinds);

        string[] expected =
        [
            EventKinds.Registered, EventKinds.LiaisonAssigned, EventKinds.DocumentSubmitted, EventKinds.Start, EventKinds.Suspend,
            EventKinds.Resume, EventKinds.Extend, EventKinds.Chase, EventKinds.Light, EventKinds.Complete, EventKinds.ProblemRecorded,
            EventKinds.ProblemAssigned, EventKinds.ProblemResolved, EventKinds.Reserve, EventKinds.Withdrawn,
        ];
        Assert.Empty(expected.Except(kinds));
    }

    [Fact]
    public async Task Acts_ManyMoreThanTheSnapshotInterval_LoadFoldsAtMostThatManyDeltas()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);

        // One chase per working day is accepted (a rest day's counts on the next), so a day passes between chases.
        var accepted = 0;
        for (var day = 0; accepted < DurableCommit.SnapshotEvery + 5 && day < 200; day++)
        {
            accepted += (await project.Grain.ChaseAsync("approval", $"催办 {day}", ProjectDriver.Leader)).Refusal is null ? 1 : 0;
            Cluster.Clock.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal(DurableCommit.SnapshotEvery + 5, accepted);

        var loaded = await Cluster.Store.LoadAsync(ProjectStreams.For(project.Code));

        Assert.NotNull(loaded);
        Assert.InRange(loaded.DeltasSinceSnapshot, 0, DurableCommit.SnapshotEvery - 1);
        await AssertRebuildsAsync(project, []);
    }

    /// <summary>Rebuilt from the history alone, loaded from the store, and seen by a fresh activation: all the same.</summary>
    private async Task AssertRebuildsAsync(ProjectDriver project, HashSet<string> kinds)
    {
        var stream = ProjectStreams.For(project.Code);
        var history = await Cluster.Store.ReadEventsAsync(stream);
        var loaded = await Cluster.Store.LoadAsync(stream);
        Assert.NotNull(loaded);
        var atLastEvent = loaded.HasPendingDelta ? loaded.EventStateJson : loaded.StateJson;
        var rebuilt = StateDeltas.Fold(null, history.Select(e => e.StateDelta));
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(atLastEvent!), JsonNode.Parse(rebuilt!)),
            $"After {history[^1].Kind}: rebuilt from events\n{rebuilt}\nloaded\n{atLastEvent}");
        // Nothing of the folded state is lost on its way into the domain's type and back.
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse(loaded.StateJson),
            JsonNode.Parse(DomainJson.SerializeState(DomainJson.Deserialize<ProjectState>(loaded.StateJson)))));
        foreach (var stored in history)
        {
            kinds.Add(stored.Kind);
        }
    }
}
