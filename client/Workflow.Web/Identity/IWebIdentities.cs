using System.Security.Claims;

namespace Workflow.Web;

/// <summary>
/// Reads and writes a signed-in browser's principal. The host implements it with the API's own claims, so a page's user and
/// an endpoint's caller are read by the same code and carry the same role, county, department and USCC.
/// </summary>
public interface IWebIdentities
{
    ClaimsIdentity ToIdentity(WebUser user, string authenticationType);

    /// <summary>Null when the principal is not signed in or names no user.</summary>
    WebUser? Read(ClaimsPrincipal principal);
}
