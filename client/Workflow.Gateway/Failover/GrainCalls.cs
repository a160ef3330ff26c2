using Microsoft.Extensions.Options;
using Workflow.Contracts;

namespace Workflow.Gateway;

/// <summary>
/// Runs the gateway's grain calls through a failover: a call that fails because a silo was lost is repeated while
/// that is safe (see <see cref="GrainCallKind"/>) and the retry budget lasts; otherwise it ends in a
/// <see cref="GrainUnavailableException"/>, which the exception handler answers 503 with <c>Retry-After</c>. Any
/// other exception passes through untouched. A success is only ever the grain's own answer, given after its commit.
/// </summary>
public sealed partial class GrainCalls(TimeProvider time, IOptions<GrainCallOptions> options, ILogger<GrainCalls> logger)
{
    public Task<T> ReadAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(GrainCallKind.Read, call, cancellationToken);

    public Task<T> WriteAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(GrainCallKind.Write, call, cancellationToken);

    /// <summary>A project act: besides a lost silo, the grain itself may answer that a grain it needed was lost and
    /// nothing was applied (<see cref="RefusalKind.Unavailable"/>); that is repeated like an undelivered call.</summary>
    public Task<ProjectReply> ActAsync(Func<Task<ProjectReply>> call, CancellationToken cancellationToken) =>
        RunAsync(GrainCallKind.Write, call, cancellationToken, reply => reply.Refusal?.Kind == RefusalKind.Unavailable);

    public Task<T> IdempotentWriteAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(GrainCallKind.IdempotentWrite, call, cancellationToken);

    /// <param name="failedOver">Whether an answer says the grain applied nothing because another grain was lost.</param>
    public async Task<T> RunAsync<T>(GrainCallKind kind, Func<Task<T>> call, CancellationToken cancellationToken, Func<T, bool>? failedOver = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        var settings = options.Value;
        var started = time.GetTimestamp();
        var delay = settings.FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            Exception? failure;
            GrainFailure kindOfFailure;
            try
            {
                var answer = await call();
                if (failedOver?.Invoke(answer) != true)
                {
                    return answer;
                }

                failure = null;
                kindOfFailure = GrainFailure.NotDelivered;
            }
            catch (Exception exception) when (GrainFailures.Classify(exception) is not GrainFailure.None and var classified)
            {
                failure = exception;
                kindOfFailure = classified;
            }

            var repeatable = kindOfFailure == GrainFailure.NotDelivered || kind != GrainCallKind.Write;
            var elapsed = time.GetElapsedTime(started);
            var reason = failure is null ? "the grain answered that a grain it needed was lost" : $"{failure.GetType().Name}: {failure.Message}";
            if (!repeatable || elapsed + delay > settings.RetryBudget || cancellationToken.IsCancellationRequested)
            {
                LogGaveUp(logger, kind, kindOfFailure, attempt, elapsed.TotalMilliseconds, reason);
                throw new GrainUnavailableException(kind, kindOfFailure, attempt, failure);
            }

            LogRepeating(logger, kind, kindOfFailure, attempt, delay.TotalMilliseconds, reason);
            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxDelay.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Kind} grain call failed over ({Failure}) on attempt {Attempt}; repeating in {DelayMs:F0} ms. {Reason}")]
    private static partial void LogRepeating(ILogger logger, GrainCallKind kind, GrainFailure failure, int attempt, double delayMs, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Kind} grain call failed over ({Failure}) on attempt {Attempt} after {ElapsedMs:F0} ms; answering 503. {Reason}")]
    private static partial void LogGaveUp(ILogger logger, GrainCallKind kind, GrainFailure failure, int attempt, double elapsedMs, string reason);
}
