namespace Workflow.Contracts;

/// <summary>What the readiness probe calls: answers when a silo runs LandFlow's grains and reaches its store.</summary>
public interface IReadinessGrain : IGrainWithIntegerKey
{
    Task PingAsync();
}
