using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Workflow.Contracts;

/// <summary>What a failed grain call says about the request, when a silo was lost under it.</summary>
public enum GrainFailure
{
    /// <summary>Not a lost silo: a bug or a fault of another kind, answered 500.</summary>
    None,

    /// <summary>The request never ran on its grain (refused before it was delivered): repeating it is always safe.</summary>
    NotDelivered,

    /// <summary>The request may have run; its answer was lost (timeout, or its silo died with the request in flight).
    /// Only reads and idempotent writes may be repeated.</summary>
    OutcomeUnknown,
}

/// <summary>Sorts the exceptions Orleans raises when a silo is lost or leaves: the gateway decides from it whether to
/// repeat a call, a grain whether a call it made to another grain failed over.</summary>
public static class GrainFailures
{
    /// <summary>The text of a <see cref="SiloUnavailableException"/> that travels in a rejection: silos create it
    /// without a message when they refuse to deliver a request (a connection closed before it was sent, its
    /// target known dead). Any other text comes from the caller's own side, for example "the target silo became
    /// unavailable" for a request already sent when its silo was declared dead.</summary>
    private static readonly string RejectedBySilo = new SiloUnavailableException().Message;

    public static GrainFailure Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            SiloUnavailableException unavailable when unavailable.Message == RejectedBySilo => GrainFailure.NotDelivered,
            SiloUnavailableException => GrainFailure.OutcomeUnknown,

            // A rejection (the target activation could not be reached or forwarded to, the gateway is too busy) is
            // answered instead of running the request.
            OrleansMessageRejectionException or GatewayTooBusyException => GrainFailure.NotDelivered,

            // The client could not reach a gateway at all: nothing was sent.
            ConnectionFailedException => GrainFailure.NotDelivered,

            // No answer within the client's ResponseTimeout.
            TimeoutException => GrainFailure.OutcomeUnknown,
            _ => GrainFailure.None,
        };
    }
}
