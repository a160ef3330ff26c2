using Microsoft.Extensions.DependencyInjection;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains.Tests;

/// <summary>A project's commit fails before the write (nothing lands) or after it (it lands, the call fails): the grain
/// ends where the store is, and its next act succeeds (see <see cref="DurableCommit"/>).</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ProjectGrainCommitFailureTests(SharedClusterFixture fixture)
{
    private LandFlowCluster Cluster => fixture.Cluster;

    [Theory]
    [InlineData(CommitFault.BeforeWrite)]
    [InlineData(CommitFault.AfterWrite)]
    public async Task Act_CommitFails_LeavesTheGrainAsStoredAndTheNextActSucceeds(CommitFault when)
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);
        var documents = (await project.StatusAsync()).MissingDocuments;
        Cluster.Faults.Store.FailNextCommit(ProjectStreams.For(project.Code), when);

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => project.Grain.SubmitDocumentAsync(documents[0].Key, ProjectDriver.Owner));

        Assert.Equal(when == CommitFault.AfterWrite, failure.MayHaveCommitted);
        await AssertGrainMatchesStoreAsync(project, commits: when == CommitFault.AfterWrite ? 2 : 1);
        Assert.Equal(when == CommitFault.AfterWrite ? 1 : 0, await SubmittedAsync(project, documents[0].Key));

        var next = await project.Grain.SubmitDocumentAsync(documents[1].Key, ProjectDriver.Owner);

        Assert.Null(next.Refusal);
        await AssertGrainMatchesStoreAsync(project, commits: when == CommitFault.AfterWrite ? 3 : 2);
        Assert.Equal(1, await SubmittedAsync(project, documents[1].Key));
    }

    [Theory]
    [InlineData(CommitFault.BeforeWrite)]
    [InlineData(CommitFault.AfterWrite)]
    public async Task Register_CommitFails_LeavesTheGrainAsStoredAndTheNextActSucceeds(CommitFault when)
    {
        var project = new ProjectDriver(Cluster, ProjectDriver.NewCode());
        Cluster.Faults.Store.FailNextCommit(ProjectStreams.For(project.Code), when);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => project.Grain.RegisterAsync(ProjectDriver.Registration(), ProjectDriver.Owner));

        var seen = await project.Grain.GetAsync(ProjectDriver.Admin);
        var stored = await Cluster.Store.LoadAsync(ProjectStreams.For(project.Code));
        Assert.Equal(when == CommitFault.AfterWrite, seen.Project is not null);
        Assert.Equal(when == CommitFault.AfterWrite, stored is not null);

        // Registering again is refused once the first landed, and succeeds when it did not; either way the act after it succeeds.
        var again = await project.Grain.RegisterAsync(ProjectDriver.Registration(), ProjectDriver.Owner);
        Assert.Equal(when == CommitFault.AfterWrite ? Rules.ProjectExists : null, again.Refusal?.Rule);
        var document = (await project.StatusAsync()).MissingDocuments[0].Key;

        Assert.Null((await project.Grain.SubmitDocumentAsync(document, ProjectDriver.Owner)).Refusal);
        await AssertGrainMatchesStoreAsync(project, commits: 2);
        Assert.Single((await Cluster.Store.ReadEventsAsync(ProjectStreams.For(project.Code))), e => e.Kind == EventKinds.Registered);
    }

    [Theory]
    [InlineData(CommitFault.BeforeWrite)]
    [InlineData(CommitFault.AfterWrite)]
    public async Task Act_CommitAndReloadFail_DeactivatesAndTheNextCallLoadsWhatIsStored(CommitFault when)
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);
        var documents = (await project.StatusAsync()).MissingDocuments;
        Cluster.Faults.Store.FailNextCommit(ProjectStreams.For(project.Code), when, failReload: true);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => project.Grain.SubmitDocumentAsync(documents[0].Key, ProjectDriver.Owner));

        // The activation that could not reload is gone: the next call's activation loaded the store, not its memory.
        await AssertGrainMatchesStoreAsync(project, commits: when == CommitFault.AfterWrite ? 2 : 1);
        Assert.Null((await project.Grain.SubmitDocumentAsync(documents[1].Key, ProjectDriver.Owner)).Refusal);
        await AssertGrainMatchesStoreAsync(project, commits: when == CommitFault.AfterWrite ? 3 : 2);
        Assert.Equal(when == CommitFault.AfterWrite ? 1 : 0, await SubmittedAsync(project, documents[0].Key));
    }

    [Fact]
    public async Task Act_AnotherActivationCommittedFirst_ChangesNothingAndTheNextCallSeesTheOthersCommit()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);
        var documents = (await project.StatusAsync()).MissingDocuments;
        Assert.Null((await project.Grain.SubmitDocumentAsync(documents[0].Key, ProjectDriver.Owner)).Refusal);

        // What a second activation does while a silo joins or leaves: it moves the stream on behind this one's back.
        var stream = ProjectStreams.For(project.Code);
        var before = (await Cluster.Store.LoadAsync(stream))!;
        await Cluster.Store.CommitAsync(new AggregateCommit(stream, before.Version, before.StateJson, []));

        var conflict = await Assert.ThrowsAsync<ConcurrentActivationException>(() => project.Grain.SubmitDocumentAsync(documents[1].Key, ProjectDriver.Owner));

        Assert.Equal(stream, conflict.StreamId);
        Assert.Equal(GrainFailure.NotDelivered, GrainFailures.Classify(conflict));
        Assert.Equal(0, await SubmittedAsync(project, documents[1].Key));
        Assert.Null((await project.Grain.SubmitDocumentAsync(documents[1].Key, ProjectDriver.Owner)).Refusal);
        await AssertGrainMatchesStoreAsync(project, commits: before.Version + 2);
        Assert.Equal(1, await SubmittedAsync(project, documents[1].Key));
    }

    private async Task AssertGrainMatchesStoreAsync(ProjectDriver project, long commits)
    {
        var seen = await project.StatusAsync();
        var stored = await Cluster.Store.LoadAsync(ProjectStreams.For(project.Code));
        var environment = Cluster.SiloServices.GetRequiredService<WorkflowEnvironment>();
        var durable = ProjectViews.From(Project.Rehydrate(DomainJson.Deserialize<ProjectState>(stored!.StateJson), environment));

        Assert.Equal(commits, stored.Version);
        // The forecast is read beside the state, not stored with it.
        Assert.Equivalent(durable, seen with { Forecast = null }, strict: true);
        var history = (await project.Grain.GetHistoryAsync(ProjectDriver.Admin)).Items!;
        Assert.Equal(stored.LastSeq, history[^1].Seq);
        Assert.Equal(history.Count, history.Select(e => e.Seq).Distinct().Count());
    }

    private async Task<int> SubmittedAsync(ProjectDriver project, string key) =>
        (await Cluster.Store.ReadEventsAsync(ProjectStreams.For(project.Code)))
            .Count(e => e.Kind == EventKinds.DocumentSubmitted && e.FactsJson!.Contains(key, StringComparison.Ordinal));
}
