using Workflow.Demo;
using Workflow.Web;

namespace Workflow.Embedded;

/// <summary>The sign-in page's picker in embedded mode: exactly the demo users the development tokens are issued for.</summary>
public sealed class DemoWebSignIn(IUserDirectory directory) : IWebSignInDirectory
{
    public IReadOnlyList<WebUser> Users { get; } = [.. directory.All.Select(Of)];

    public WebUser? Find(string id) => directory.Find(id) is { } user ? Of(user) : null;

    private static WebUser Of(DemoUser user) => new(user.Id, user.Role, user.Name, user.Uscc, user.Department, user.County);
}
