using Orleans;

namespace Workflow.Clustering.Postgres.Tests;

/// <summary>A grain that says which silo it lives on, so a test can tell where its calls land.</summary>
public interface IPlacementProbeGrain : IGrainWithIntegerKey
{
    Task<string> GetSiloAsync();
}
