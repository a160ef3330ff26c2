using Workflow.Contracts;

namespace Workflow.Grains.Tests;

[Collection(SharedClusterCollection.Name)]
public sealed class ReadinessGrainTests(SharedClusterFixture fixture)
{
    [Fact]
    public async Task Ping_StoreAnswers_CompletesAndWritesNothing()
    {
        await fixture.Cluster.Client.GetGrain<IReadinessGrain>(0).PingAsync();

        Assert.Null(await fixture.Cluster.Store.LoadAsync(ReadinessGrain.ProbeStream));
        Assert.Empty(await fixture.Cluster.Store.ReadEventsAsync(ReadinessGrain.ProbeStream));
    }
}
