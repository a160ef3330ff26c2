using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Workflow.Gateway;

/// <summary>
/// Turns the bodiless error responses of the framework (401 and 403 from authentication, 404 for an
/// unknown route, 405, 413, ...) into problem details with a detail a person can act on.
/// </summary>
public static class ProblemResponses
{
    private const string AuthenticationFailureKey = "LandFlow.AuthenticationFailure";

    /// <summary>Remembers why a bearer token was refused, for the 401 body (see the JWT challenge event).</summary>
    public static void NoteAuthenticationFailure(HttpContext context, string detail) =>
        context.Items[AuthenticationFailureKey] = detail;

    public static Task WriteForStatusCodeAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        return WriteAsync(context, new ProblemDetails
        {
            Status = status,
            Title = ReasonPhrases.GetReasonPhrase(status),
            Detail = DetailFor(context, status),
        });
    }

    /// <summary>Writes <paramref name="problem"/> as <c>application/problem+json</c>, whatever the request accepts.</summary>
    public static Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        problem.Type ??= TypeFor(problem.Status ?? context.Response.StatusCode);
        return TypedResults.Problem(problem).ExecuteAsync(context);
    }

    /// <summary>Fills what the framework leaves out, so every body has type, title, status and detail.</summary>
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        problem.Type ??= TypeFor(status);
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        problem.Detail ??= DetailFor(context.HttpContext, status);
    }

    private static string DetailFor(HttpContext context, int status)
    {
        var request = context.Request;
        var target = $"{request.Method} {request.PathBase}{request.Path}";
        return status switch
        {
            StatusCodes.Status400BadRequest => $"{target} could not be understood.",
            StatusCodes.Status401Unauthorized => context.Items[AuthenticationFailureKey] as string
                ?? "This route needs a bearer token: send 'Authorization: Bearer <token>'.",
            StatusCodes.Status403Forbidden => $"The caller may not {target}.",
            StatusCodes.Status404NotFound => $"Nothing is found at {target}.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.PathBase}{request.Path}"
                + (context.Response.Headers.Allow.Count > 0 ? $"; allowed: {context.Response.Headers.Allow}." : "."),
            StatusCodes.Status413PayloadTooLarge => BodyTooLargeDetail(context),
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON, with 'Content-Type: application/json'.",
            _ => $"{target} failed with status {status.ToString(CultureInfo.InvariantCulture)}.",
        };
    }

    internal static string BodyTooLargeDetail(HttpContext context)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        return limit is { } bytes
            ? $"The request body is larger than the limit of {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes."
            : "The request body is too large.";
    }

    // RFC 9110's section for each status, as ASP.NET Core's own defaults do; 413 is missing from those.
    private static string TypeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        StatusCodes.Status401Unauthorized => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        StatusCodes.Status403Forbidden => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        StatusCodes.Status404NotFound => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        StatusCodes.Status405MethodNotAllowed => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        StatusCodes.Status406NotAcceptable => "https://tools.ietf.org/html/rfc9110#section-15.5.7",
        StatusCodes.Status408RequestTimeout => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        StatusCodes.Status409Conflict => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        StatusCodes.Status412PreconditionFailed => "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status415UnsupportedMediaType => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        StatusCodes.Status422UnprocessableEntity => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        StatusCodes.Status500InternalServerError => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        StatusCodes.Status501NotImplemented => "https://tools.ietf.org/html/rfc9110#section-15.6.2",
        StatusCodes.Status503ServiceUnavailable => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "about:blank",
    };
}
