using Workflow.Domain;

namespace Workflow.Hosting;

/// <summary>The demo users as domain actors: owners by enterprise id, officers by department
/// (the ones without a county, who may act anywhere).</summary>
internal static class DemoCast
{
    public static Actor Admin { get; } = new("admin", Roles.Admin);

    public static Actor Owner(string enterpriseId) => new(enterpriseId, Roles.Enterprise, Uscc: UsccOf(enterpriseId));

    public static string UsccOf(string enterpriseId) =>
        DemoUsers.All.SingleOrDefault(u => u.Id == enterpriseId && u.Role == Roles.Enterprise)?.Uscc
        ?? throw new InvalidOperationException($"No demo enterprise '{enterpriseId}' with a credit code.");

    public static Actor Officer(string department)
    {
        var user = DemoUsers.All.FirstOrDefault(u => u.Role == Roles.Officer && u.Department == department && u.County is null)
            ?? throw new InvalidOperationException($"No demo officer serves department '{department}' in every county.");
        return new Actor(user.Id, Roles.Officer, Department: department);
    }
}
