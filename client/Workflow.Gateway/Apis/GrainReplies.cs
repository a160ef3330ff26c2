using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Contracts;

namespace Workflow.Gateway;

/// <summary>How grain refusals and callers cross into HTTP and back.</summary>
public static class GrainReplies
{
    public static ProblemHttpResult ToProblem(this RefusalInfo refusal) => refusal.Kind switch
    {
        RefusalKinds.NotFound => Problems.NotFound(refusal.Detail),
        RefusalKinds.Forbidden => Problems.Rule(StatusCodes.Status403Forbidden, refusal.Rule, "Not allowed", refusal.Detail),
        RefusalKinds.Invalid => Problems.Rule(StatusCodes.Status400BadRequest, refusal.Rule, "Invalid request", refusal.Detail),
        // Nothing applied, a grain was lost: a 503 with Retry-After, which only the exception handler can answer.
        RefusalKinds.Unavailable => throw new GrainUnavailableException(GrainCallKind.Write, GrainFailure.NotDelivered, 1, null),
        _ => Problems.Rule(StatusCodes.Status409Conflict, refusal.Rule, "Refused by a rule", refusal.Detail),
    };

    public static ActorInfo ToActor(this Caller caller) => new(caller.Id, caller.Role, caller.Uscc, caller.Department, caller.County);
}
