using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains.Tests;

[Collection(SharedClusterCollection.Name)]
public sealed class ProjectRegistrarTests(SharedClusterFixture fixture)
{
    private LandFlowCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Register_ManyAtOnceWhileTheStoreIsSlow_AllReachTheStoreTogether()
    {
        // More registrations than the silo has cores: a registrar taking one call at a time per core would keep all but
        // one per core queued behind the held commits, and AllHeld would never complete.
        var registrations = Enumerable.Range(0, Environment.ProcessorCount + 6)
            .Select(_ => ProjectDriver.Registration() with { Code = ProjectDriver.NewCode() })
            .ToList();
        var hold = Cluster.Faults.Store.HoldCommits([.. registrations.Select(r => ProjectStreams.For(r.Code!))]);
        var registrar = Cluster.Client.GetGrain<IProjectRegistrarGrain>(0);

        var replies = registrations.Select(r => registrar.RegisterAsync(r, ProjectDriver.Admin)).ToList();
        int heldAtOnce;
        try
        {
            // Bounded, not a sleep: it ends as soon as every commit is held (or a registration answered early).
            await Task.WhenAny(hold.AllHeld, Task.WhenAll(replies)).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
        }
        finally
        {
            heldAtOnce = hold.Held;
            hold.Release();
        }

        Assert.All(replies.Where(r => r.IsCompleted), r => Assert.Null(r.Result.Refusal));
        Assert.Equal(registrations.Count, heldAtOnce);
        Assert.All(await Task.WhenAll(replies), reply => Assert.Null(reply.Refusal));
    }
}
