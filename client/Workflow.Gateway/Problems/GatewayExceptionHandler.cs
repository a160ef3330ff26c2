using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Workflow.Contracts;

namespace Workflow.Gateway;

/// <summary>
/// Answers every exception that escapes an endpoint with problem details: a request the framework could
/// not read (malformed JSON, wrong content type, a body over the limit) with its own status and the reason;
/// a grain call a lost silo left unfinished, or one the store could not serve (<see cref="StoreUnavailableException"/>),
/// with a 503 and <c>Retry-After</c>; anything else with a 500 that names the trace, never the exception.
/// </summary>
public sealed partial class GatewayExceptionHandler(ILogger<GatewayExceptionHandler> logger, IOptions<GrainCallOptions> grainCalls) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client left; there is nobody to answer.
            return true;
        }

        var problem = exception switch
        {
            BadHttpRequestException badRequest => DescribeBadRequest(httpContext, badRequest),
            GrainUnavailableException unavailable => DescribeFailover(httpContext, unavailable),
            StoreUnavailableException storage => DescribeStorageUnavailable(httpContext, storage),

            // A grain call made without GrainCalls: nothing is known of what it did.
            _ when GrainFailures.Classify(exception) is not GrainFailure.None and var failure =>
                DescribeFailover(httpContext, new GrainUnavailableException(GrainCallKind.Write, failure, 1, exception)),
            _ => DescribeFailure(httpContext, exception),
        };

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        await ProblemResponses.WriteAsync(httpContext, problem);
        return true;
    }

    private const string UnknownOutcomeRetry =
        "an act that did take effect is then refused by its rule (for example a second 'complete' of a step), and the project's history shows it.";

    private ProblemDetails DescribeBadRequest(HttpContext context, BadHttpRequestException exception)
    {
        LogBadRequest(logger, context.Request.Method, context.Request.Path, exception.Message);
        var problem = new ProblemDetails
        {
            Status = exception.StatusCode,
            Title = ReasonPhrases.GetReasonPhrase(exception.StatusCode),
        };

        if (FindJsonError(exception) is { } json)
        {
            // System.Text.Json's message already says where: "... Path: $.user | LineNumber: 0 | BytePositionInLine: 9."
            problem.Detail = $"The request body could not be read as JSON: {json.Message}";
            problem.Extensions["path"] = json.Path;
            problem.Extensions["line"] = json.LineNumber;
            problem.Extensions["bytePositionInLine"] = json.BytePositionInLine;
        }
        else if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            problem.Detail = ProblemResponses.BodyTooLargeDetail(context);
        }
        else if (exception.StatusCode == StatusCodes.Status400BadRequest && !HasBody(context.Request))
        {
            // The framework's own words here talk about inferred parameters and services.
            problem.Detail = $"{context.Request.Method} {context.Request.Path} needs a JSON body.";
        }
        else
        {
            problem.Detail = exception.Message;
        }

        return problem;
    }

    /// <summary>503: the silo that held the grain was lost and the call could not be completed or safely repeated.
    /// <c>applied</c> says whether the request may still have taken effect, so a client knows what a retry means.</summary>
    private ProblemDetails DescribeFailover(HttpContext context, GrainUnavailableException exception)
    {
        var retryAfter = grainCalls.Value.RetryAfterSeconds;
        LogFailover(logger, context.Request.Method, context.Request.Path, exception.Failure, exception.Attempts, exception.Applied);
        context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Service Unavailable",
            Detail = (exception.Applied, exception.InnerException) switch
            {
                ("unknown", TimeoutException) => $"The request got no answer within the call timeout (a silo overloaded, or lost), so it is not known whether it took effect. Retry after {retryAfter} s: "
                    + UnknownOutcomeRetry,
                ("unknown", _) => $"A silo was lost while this request was in flight, so it is not known whether it took effect. Retry after {retryAfter} s: "
                    + UnknownOutcomeRetry,
                _ => $"A silo was lost and the platform is failing over; the request did not take effect. Retry after {retryAfter} s.",
            },
        };
        problem.Extensions["applied"] = exception.Applied;
        return problem;
    }

    /// <summary>503: the store could not be reached or refused for a reason of its own; the same shape as a failover's
    /// answer, so a client treats both alike.</summary>
    private ProblemDetails DescribeStorageUnavailable(HttpContext context, StoreUnavailableException exception)
    {
        var retryAfter = grainCalls.Value.RetryAfterSeconds;
        var applied = exception.MayHaveCommitted ? "unknown" : "no";
        LogStorageUnavailable(logger, context.Request.Method, context.Request.Path, applied, exception.Message);
        context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Service Unavailable",
            Detail = exception.MayHaveCommitted
                ? $"The database connection failed while this request was being committed, so it is not known whether it took effect. Retry after {retryAfter} s: "
                    + "an act that did take effect is then refused by its rule, and the project's history shows it."
                : $"The database is unavailable; the request did not take effect. Retry after {retryAfter} s.",
        };
        problem.Extensions["applied"] = applied;
        return problem;
    }

    private ProblemDetails DescribeFailure(HttpContext context, Exception exception)
    {
        LogFailure(logger, exception, context.Request.Method, context.Request.Path);
        return new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "Internal server error",
            Detail = "The request failed on the server and was not completed. Quote its traceId when reporting it.",
        };
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static JsonException? FindJsonError(Exception exception)
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path}: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503 to {Method} {Path}: the grain call failed over ({Failure}) after {Attempts} attempt(s); applied: {Applied}")]
    private static partial void LogFailover(ILogger logger, string method, string path, GrainFailure failure, int attempts, string applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503 to {Method} {Path}: the store is unavailable; applied: {Applied}. {Reason}")]
    private static partial void LogStorageUnavailable(ILogger logger, string method, string path, string applied, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogFailure(ILogger logger, Exception exception, string method, string path);
}
