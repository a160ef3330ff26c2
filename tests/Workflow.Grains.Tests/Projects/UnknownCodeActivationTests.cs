using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains.Tests;

/// <summary>Reading codes nobody registered must not fill a silo with empty project activations.</summary>
public sealed class UnknownCodeActivationTests
{
    [Fact]
    public async Task ReadsAndRefusedCommands_OfAThousandUnknownCodes_LeaveTheActivationCountWhereItWas()
    {
        // A cluster of its own, so that no other test's grains come and go while it counts.
        await using var cluster = await LandFlowCluster.StartAsync();
        var registered = await ProjectDriver.RegisterAsync(cluster);
        var before = await ProjectActivationsAsync(cluster);
        var unknown = Enumerable.Range(0, 1_000).Select(_ => ProjectDriver.NewCode()).ToList();

        var refusals = new List<Refusal?>();
        foreach (var batch in unknown.Chunk(100))
        {
            refusals.AddRange(await Task.WhenAll(batch.Select((code, i) => ReadOrActAsync(cluster.Project(code), i))));
        }

        Assert.Equal(1, before);
        Assert.All(refusals, refusal => Assert.Equal(RefusalKind.NotFound, refusal!.Kind));
        Assert.Equal(before, await WaitForActivationsAsync(cluster, before));
        Assert.Null((await registered.Grain.GetAsync(ProjectDriver.Admin)).Refusal);
    }

    /// <summary>Every way in that names a project: reads, and commands refused because there is no project.</summary>
    private static async Task<Refusal?> ReadOrActAsync(IProjectGrain project, int i) => (i % 4) switch
    {
        0 => (await project.GetAsync(ProjectDriver.Admin)).Refusal,
        1 => (await project.GetHistoryAsync(ProjectDriver.Admin)).Refusal,
        2 => (await project.ActAsync(new StepActionCommand("approval", StepActions.Start, null, null), ProjectDriver.Officer("development-reform"))).Refusal,
        _ => (await project.WithdrawAsync("撤回", ProjectDriver.Owner)).Refusal,
    };

    private static async Task<int> WaitForActivationsAsync(LandFlowCluster cluster, int expected)
    {
        // Deactivation on idle runs after each call returns: wait for the count, not for a time.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        int count;
        while ((count = await ProjectActivationsAsync(cluster)) != expected && !timeout.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
        }

        return count;
    }

    private static async Task<int> ProjectActivationsAsync(LandFlowCluster cluster)
    {
        var statistics = await cluster.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains(nameof(ProjectGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }
}
