using Orleans;
using Orleans.Placement;
using Orleans.Runtime;

namespace Workflow.Clustering.Postgres.Tests;

// Random placement spreads a few dozen keys over both silos with certainty for all practical purposes.
[RandomPlacement]
public sealed class PlacementProbeGrain(ILocalSiloDetails silo) : Grain, IPlacementProbeGrain
{
    public Task<string> GetSiloAsync() => Task.FromResult(silo.SiloAddress.ToParsableString());
}
