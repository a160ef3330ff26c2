using Microsoft.AspNetCore.Components.Authorization;

namespace Workflow.Web;

/// <summary>The user of this circuit, read from the authentication state the cookie gave the Blazor connection.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication, IWebIdentities identities)
{
    public async Task<WebUser?> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return identities.Read(state.User);
    }
}
