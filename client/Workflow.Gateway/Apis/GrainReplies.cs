using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Contracts;

namespace Workflow.Gateway;

/// <summary>How grain refusals and callers cross into HTTP and back.</summary>
public static class GrainReplies
{
    /// <summary>The one place a refusal becomes HTTP: its kind picks the status, its rule travels as <c>rule</c>.</summary>
    public static ProblemHttpResult ToProblem(this Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.NotFound => Problems.NotFound(refusal.Detail),
        RefusalKind.Forbidden => Problems.Rule(StatusCodes.Status403Forbidden, refusal.Rule, "Not allowed", refusal.Detail),
        RefusalKind.Invalid => Problems.Rule(StatusCodes.Status400BadRequest, refusal.Rule, "Invalid request", refusal.Detail),
        // Nothing applied, a grain was lost: a 503 with Retry-After, which only the exception handler can answer.
        RefusalKind.Unavailable => throw new GrainUnavailableException(GrainCallKind.Write, GrainFailure.NotDelivered, 1, null),
        _ => Problems.Rule(StatusCodes.Status409Conflict, refusal.Rule, "Refused by a rule", refusal.Detail),
    };

    public static ActorInfo ToActor(this Caller caller) => new(caller.Id, caller.Role, caller.Uscc, caller.Department, caller.County);
}
