namespace Workflow.Web;

/// <summary>The users the sign-in page offers to pick (embedded mode: the demo users). Absent in cluster mode, where
/// people sign in with a token of the identity provider.</summary>
public interface IWebSignInDirectory
{
    IReadOnlyList<WebUser> Users { get; }

    WebUser? Find(string id);
}
