using Workflow.Grains;

namespace Workflow.Demo;

/// <summary>The demo users as the silo's staff roster: the liaisons among them are the liaisons a project may name.</summary>
public sealed class DemoStaffRoster : IStaffRoster
{
    private static readonly HashSet<string> Liaisons =
        [.. DemoUsers.All.Where(u => u.Role == Roles.Liaison).Select(u => u.Id)];

    public bool IsLiaison(string userId) => Liaisons.Contains(userId);
}
