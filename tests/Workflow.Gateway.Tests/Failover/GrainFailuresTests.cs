using System.Reflection;
using System.Runtime.CompilerServices;
using System.Net;
using Orleans.Runtime;
using Workflow.Contracts;
using Orleans.Runtime.Messaging;

namespace Workflow.Gateway.Tests;

public sealed class GrainFailuresTests
{
    [Fact]
    public void Classify_RejectionFromASilo_NotDelivered()
    {
        // Silos reject a request they could not deliver with a SiloUnavailableException created without a message.
        Assert.Equal(GrainFailure.NotDelivered, GrainFailures.Classify(new SiloUnavailableException()));
    }

    [Fact]
    public void Classify_CommitLostToAnotherActivation_NotDelivered()
    {
        // The grain's commit was refused whole by the store: nothing changed, so the call may be repeated.
        Assert.Equal(GrainFailure.NotDelivered, GrainFailures.Classify(new ConcurrentActivationException("project/X", 3)));
    }

    [Fact]
    public void Classify_StoppingSiloRefusedToPlace_NotDelivered()
    {
        // The text of PlacementService.CreateStoppingException, as the CI run's gateway received it in a rejection.
        var refused = new SiloUnavailableException("Silo 'S127.0.0.1:11112:123456789' is shutting down.");

        Assert.Equal(GrainFailure.NotDelivered, GrainFailures.Classify(refused));
    }

    [Fact]
    public void Classify_StoppingExceptionMadeByOrleansItself_NotDelivered()
    {
        // Pins the match to the Orleans build in use: the exception comes from the runtime's own (internal) factory, so
        // an Orleans upgrade that rewords it fails here rather than in a rolling restart.
        var placement = typeof(Silo).Assembly.GetType("Orleans.Runtime.Placement.PlacementService", throwOnError: true)!;
        var service = RuntimeHelpers.GetUninitializedObject(placement);
        placement.GetField("<LocalSilo>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic)!
            .SetValue(service, SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11112), 123456789));
        var create = placement.GetMethod("CreateStoppingException", BindingFlags.Instance | BindingFlags.NonPublic)!;

        var refused = Assert.IsType<SiloUnavailableException>(create.Invoke(service, null));

        Assert.Contains("11112", refused.Message, StringComparison.Ordinal);
        Assert.Equal(GrainFailure.NotDelivered, GrainFailures.Classify(refused));
    }

    [Theory]
    [InlineData("The local Orleans host is shutting down and can no longer process the request: Request [S1 G1]->[S2 G2].")]
    [InlineData("Silo 'S127.0.0.1:11112:1' is shutting down. The target silo became unavailable")]
    [InlineData("Silo '' is shutting down.")]
    [InlineData("Silo 'S1' and silo 'S2' is shutting down.")]
    public void Classify_OtherShuttingDownTexts_OutcomeUnknown(string message)
    {
        // A request already sent when its own host stops (CallbackData.OnHostShutdown) may have run; so may anything
        // whose text only resembles the placement refusal.
        Assert.Equal(GrainFailure.OutcomeUnknown, GrainFailures.Classify(new SiloUnavailableException(message)));
    }

    [Fact]
    public void Classify_TargetSiloDiedWithRequestInFlight_OutcomeUnknown()
    {
        var broken = new SiloUnavailableException("The target silo became unavailable for message: Request [S1 G1]->[S2 G2]. ");

        Assert.Equal(GrainFailure.OutcomeUnknown, GrainFailures.Classify(broken));
    }

    [Fact]
    public void Classify_GatewayTooBusyOrNoConnection_NotDelivered()
    {
        Assert.Equal(GrainFailure.NotDelivered, GrainFailures.Classify(new GatewayTooBusyException()));
        Assert.Equal(GrainFailure.NotDelivered, GrainFailures.Classify(new ConnectionFailedException("Unable to connect")));
    }

    [Fact]
    public void Classify_NoAnswerInTime_OutcomeUnknown()
    {
        Assert.Equal(GrainFailure.OutcomeUnknown, GrainFailures.Classify(new TimeoutException("Response did not arrive on time")));
    }

    [Fact]
    public void Classify_FaultsOfOtherKinds_None()
    {
        Assert.Equal(GrainFailure.None, GrainFailures.Classify(new InvalidOperationException("a bug")));
        Assert.Equal(GrainFailure.None, GrainFailures.Classify(new OrleansException("something else")));
    }
}
