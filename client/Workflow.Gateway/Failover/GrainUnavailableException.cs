using Workflow.Contracts;

namespace Workflow.Gateway;

/// <summary>
/// A grain call that failed over and could not be completed within the gateway's retry budget, or could not be
/// repeated safely. Answered 503 with <c>Retry-After</c>; <see cref="Applied"/> tells the client whether its request
/// may have taken effect.
/// </summary>
public sealed class GrainUnavailableException(GrainCallKind kind, GrainFailure failure, int attempts, Exception? innerException)
    : Exception($"The grain call failed over ({failure}) after {attempts} attempt(s).", innerException)
{
    public GrainCallKind Kind { get; } = kind;

    public GrainFailure Failure { get; } = failure;

    public int Attempts { get; } = attempts;

    /// <summary><c>no</c> when the request surely changed nothing; <c>unknown</c> when a write may have landed.</summary>
    public string Applied => Kind != GrainCallKind.Read && Failure == GrainFailure.OutcomeUnknown ? "unknown" : "no";
}
