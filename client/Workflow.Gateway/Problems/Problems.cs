using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Workflow.Gateway;

/// <summary>The problem details bodies endpoints answer with when they refuse a request.</summary>
public static class Problems
{
    /// <summary>The extension member naming the domain rule that refused a command.</summary>
    public const string RuleExtension = "rule";

    public static ProblemHttpResult Rule(int status, string rule, string title, string detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        return TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: title,
            extensions: new Dictionary<string, object?> { [RuleExtension] = rule });
    }

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not Found");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    /// <param name="errors">Per field, what is wrong with it; becomes the <c>errors</c> member.</param>
    public static ProblemHttpResult Invalid(string detail, IDictionary<string, string[]>? errors = null)
    {
        var problem = errors is null ? new ProblemDetails() : new HttpValidationProblemDetails(errors);
        problem.Status = StatusCodes.Status400BadRequest;
        problem.Title = "Invalid request";
        problem.Detail = detail;
        return TypedResults.Problem(problem);
    }
}
