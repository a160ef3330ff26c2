namespace Workflow.Contracts;

/// <summary>
/// A grain's commit found its stream already moved on by another activation of the same grain: while a silo joins or
/// leaves, Orleans may briefly run two. The call changed nothing (the store refused the commit whole), the activation
/// has put back what is durable and is leaving, so the next call reaches the other one. Classified as
/// <see cref="GrainFailure.NotDelivered"/>: the gateway repeats the call, and answers 503 with <c>applied: no</c> if it
/// keeps failing.
/// </summary>
[GenerateSerializer, Alias("landflow.ConcurrentActivationException")]
public sealed class ConcurrentActivationException : Exception
{
    public ConcurrentActivationException(string streamId, long expectedVersion)
        : base($"Another activation wrote stream '{streamId}' past version {expectedVersion} first; this call changed nothing. Send it again.") =>
        StreamId = streamId;

    [Id(0)]
    public string StreamId { get; private set; }
}
