using System.Security.Claims;
using Workflow.Web;

namespace Workflow.Gateway;

/// <summary>The pages' users read and written as the API's callers: the same claims (<see cref="Caller.ToClaims"/>) and the
/// same reading (<see cref="Caller.From"/>), so a page passes the grains the very ActorInfo an endpoint would.</summary>
public sealed class CallerWebIdentities : IWebIdentities
{
    public ClaimsIdentity ToIdentity(WebUser user, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(user);
        var caller = new Caller(user.Id, user.Role, user.Uscc, user.Department, user.County, user.Name);
        return new ClaimsIdentity(
            caller.ToClaims().Select(claim => new Claim(claim.Key, claim.Value)),
            authenticationType,
            LandFlowClaimTypes.Name,
            LandFlowClaimTypes.Role);
    }

    public WebUser? Read(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true
            || principal.FindFirstValue(LandFlowClaimTypes.Subject) is null
            || principal.FindFirstValue(LandFlowClaimTypes.Role) is null)
        {
            return null;
        }

        var caller = Caller.From(principal);
        return new WebUser(caller.Id, caller.Role, caller.Name, caller.Uscc, caller.Department, caller.County);
    }
}
