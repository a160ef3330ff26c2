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
