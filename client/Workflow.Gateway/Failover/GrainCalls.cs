using Microsoft.Extensions.Options;

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

    public Task<T> IdempotentWriteAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(GrainCallKind.IdempotentWrite, call, cancellationToken);

    public async Task<T> RunAsync<T>(GrainCallKind kind, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var settings = options.Value;
        var started = time.GetTimestamp();
        var delay = settings.FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (GrainFailures.Classify(exception) is not GrainFailure.None and var failure)
            {
                var repeatable = failure == GrainFailure.NotDelivered || kind != GrainCallKind.Write;
                var elapsed = time.GetElapsedTime(started);
                if (!repeatable || elapsed + delay > settings.RetryBudget || cancellationToken.IsCancellationRequested)
                {
                    LogGaveUp(logger, kind, failure, attempt, elapsed.TotalMilliseconds, exception.GetType().Name, exception.Message);
                    throw new GrainUnavailableException(kind, failure, attempt, exception);
                }

                LogRepeating(logger, kind, failure, attempt, delay.TotalMilliseconds, exception.GetType().Name, exception.Message);
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxDelay.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Kind} grain call failed over ({Failure}) on attempt {Attempt}; repeating in {DelayMs:F0} ms. {ExceptionType}: {Reason}")]
    private static partial void LogRepeating(ILogger logger, GrainCallKind kind, GrainFailure failure, int attempt, double delayMs, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Kind} grain call failed over ({Failure}) on attempt {Attempt} after {ElapsedMs:F0} ms; answering 503. {ExceptionType}: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, GrainCallKind kind, GrainFailure failure, int attempt, double elapsedMs, string exceptionType, string reason);
}
