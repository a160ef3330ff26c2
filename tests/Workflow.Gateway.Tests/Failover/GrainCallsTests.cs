using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Workflow.Contracts;

namespace Workflow.Gateway.Tests;

public sealed class GrainCallsTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    private readonly GrainCalls calls = new(
        TimeProvider.System,
        Options.Create(new GrainCallOptions { RetryBudget = Budget, FirstDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) }),
        NullLogger<GrainCalls>.Instance);

    [Fact]
    public async Task Read_OutcomeUnknownThenAnswer_RepeatedUntilAnswered()
    {
        var grain = new FailingThenAnswering(failures: 2, () => new TimeoutException("no answer"));

        var answer = await calls.ReadAsync(grain.CallAsync, CancellationToken.None);

        Assert.Equal("answer", answer);
        Assert.Equal(3, grain.Calls);
    }

    [Fact]
    public async Task Write_NotDeliveredThenAnswer_RepeatedUntilAnswered()
    {
        var grain = new FailingThenAnswering(failures: 3, () => new SiloUnavailableException());

        var answer = await calls.WriteAsync(grain.CallAsync, CancellationToken.None);

        Assert.Equal("answer", answer);
        Assert.Equal(4, grain.Calls);
    }

    [Fact]
    public async Task Write_OutcomeUnknown_NotRepeatedAndAppliedUnknown()
    {
        var grain = new FailingThenAnswering(failures: 1, () => new SiloUnavailableException("The target silo became unavailable for message: x"));

        var error = await Assert.ThrowsAsync<GrainUnavailableException>(() => calls.WriteAsync(grain.CallAsync, CancellationToken.None));

        Assert.Equal(1, grain.Calls);
        Assert.Equal("unknown", error.Applied);
        Assert.Equal(GrainFailure.OutcomeUnknown, error.Failure);
    }

    [Fact]
    public async Task IdempotentWrite_OutcomeUnknownThenAnswer_Repeated()
    {
        var grain = new FailingThenAnswering(failures: 1, () => new TimeoutException("no answer"));

        var answer = await calls.IdempotentWriteAsync(grain.CallAsync, CancellationToken.None);

        Assert.Equal("answer", answer);
        Assert.Equal(2, grain.Calls);
    }

    [Fact]
    public async Task Write_NotDeliveredPastTheBudget_AnsweredUnavailableAndAppliedNo()
    {
        var grain = new FailingThenAnswering(failures: int.MaxValue, () => new SiloUnavailableException());

        var error = await Assert.ThrowsAsync<GrainUnavailableException>(() => calls.WriteAsync(grain.CallAsync, CancellationToken.None));

        Assert.True(grain.Calls > 1, $"Expected repeats within the budget, got {grain.Calls} call(s).");
        Assert.Equal("no", error.Applied);
        Assert.IsType<SiloUnavailableException>(error.InnerException);
    }

    [Fact]
    public async Task Read_FaultOfAnotherKind_PassesThroughAfterOneCall()
    {
        var grain = new FailingThenAnswering(failures: 1, () => new InvalidOperationException("a bug"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => calls.ReadAsync(grain.CallAsync, CancellationToken.None));

        Assert.Equal(1, grain.Calls);
    }

    [Fact]
    public async Task Act_GrainAnswersALedgerWasLost_RepeatedUntilItReserves()
    {
        var replies = new Queue<ProjectReply>([
            ProjectReply.Refused(new Refusal(RefusalKind.Unavailable, Rules.QuotaLedgerUnavailable, "nothing was reserved")),
            ProjectReply.Refused(new Refusal(RefusalKind.Conflict, Rules.QuotaAreaShort, "short")),
        ]);

        var reply = await calls.ActAsync(() => Task.FromResult(replies.Dequeue()), CancellationToken.None);

        Assert.Equal("quota-area-short", reply.Refusal!.Rule);
        Assert.Empty(replies);
    }

    /// <summary>A grain call that fails a given number of times, then answers.</summary>
    private sealed class FailingThenAnswering(int failures, Func<Exception> failure)
    {
        public int Calls { get; private set; }

        public Task<string> CallAsync()
        {
            Calls++;
            return Calls <= failures ? Task.FromException<string>(failure()) : Task.FromResult("answer");
        }
    }
}
