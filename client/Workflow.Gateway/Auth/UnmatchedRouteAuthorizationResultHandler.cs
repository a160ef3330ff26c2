using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Workflow.Gateway;

/// <summary>
/// Where no route matched (an unknown path, or a wrong method: routing's 405 endpoint is not a RouteEndpoint),
/// the fallback "authenticated user" policy holds under <c>/api</c> only, <c>/api/dev</c> aside. An anonymous
/// caller learns nothing about which API routes exist; a mistyped page path stays a plain 404.
/// </summary>
public sealed class UnmatchedRouteAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Succeeded && context.GetEndpoint() is not RouteEndpoint && !IsProtectedApiPath(context.Request.Path))
        {
            return next(context);
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static bool IsProtectedApiPath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/api/dev", StringComparison.OrdinalIgnoreCase);
}
