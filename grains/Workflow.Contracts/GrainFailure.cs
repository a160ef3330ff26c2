using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Workflow.Contracts;

/// <summary>What a failed grain call says about the request, when a silo was lost under it.</summary>
public enum GrainFailure
{
    /// <summary>Not a lost silo: a bug or a fault of another kind, answered 500.</summary>
    None,

    /// <summary>The request changed nothing: refused before it was delivered, or its grain's commit lost to another
    /// activation of the same grain (<see cref="ConcurrentActivationException"/>). Repeating it is always safe.</summary>
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

    /// <summary>
    /// How Orleans 10.4.2 words the refusal of a stopping silo's placement: <c>PlacementService.CreateStoppingException</c>
    /// (Orleans.Runtime) makes <c>Silo '&lt;address&gt;' is shutting down.</c> once the silo's stop has reached the
    /// placement service (stage RuntimeInitialize + 1, after every activation of that silo was deactivated). It is
    /// raised only while a message is being addressed (<c>AddressMessage</c>, its placement workers, placing a grain),
    /// and <c>MessageCenter.AddressAndSendMessage</c> turns it into a rejection of that message: the message was never
    /// sent to any grain. It could reach a caller after a grain ran only if a grain let a failed call of its own escape
    /// while its silo stops, and no LandFlow grain that serves a non-idempotent act does (a project turns a lost ledger
    /// into an <c>unavailable</c> reply). Matched on its fixed parts, not on the silo address; Orleans does not
    /// localize it. <c>GrainFailuresTests</c> checks this against the exception the Orleans assembly itself makes.
    /// </summary>
    private const string StoppingSiloPrefix = "Silo '";

    private const string StoppingSiloSuffix = "' is shutting down.";

    public static GrainFailure Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            SiloUnavailableException unavailable when unavailable.Message == RejectedBySilo => GrainFailure.NotDelivered,
            SiloUnavailableException unavailable when IsStoppingSiloRefusal(unavailable.Message) => GrainFailure.NotDelivered,
            SiloUnavailableException => GrainFailure.OutcomeUnknown,

            // A rejection (the target activation could not be reached or forwarded to, the gateway is too busy) is
            // answered instead of running the request.
            OrleansMessageRejectionException or GatewayTooBusyException => GrainFailure.NotDelivered,

            // Two activations of one grain while a silo joins or leaves; the one that lost the commit applied nothing.
            ConcurrentActivationException => GrainFailure.NotDelivered,

            // The client could not reach a gateway at all: nothing was sent.
            ConnectionFailedException => GrainFailure.NotDelivered,

            // No answer within the client's ResponseTimeout.
            TimeoutException => GrainFailure.OutcomeUnknown,
            _ => GrainFailure.None,
        };
    }

    private static bool IsStoppingSiloRefusal(string message) =>
        message.StartsWith(StoppingSiloPrefix, StringComparison.Ordinal)
        && message.EndsWith(StoppingSiloSuffix, StringComparison.Ordinal)
        && message.Length > StoppingSiloPrefix.Length + StoppingSiloSuffix.Length
        && message.IndexOf('\'', StoppingSiloPrefix.Length) == message.Length - StoppingSiloSuffix.Length;
}
