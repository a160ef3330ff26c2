using Workflow.Demo;
using Workflow.Gateway;

namespace Workflow.Embedded;

/// <summary>A demo user as the caller a development token names.</summary>
public static class DemoCallers
{
    public static Caller Of(DemoUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Caller(user.Id, user.Role, user.Uscc, user.Department, user.County, user.Name);
    }
}
