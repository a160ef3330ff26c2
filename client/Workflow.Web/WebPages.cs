using System.Reflection;

namespace Workflow.Web;

/// <summary>
/// Where a persona's pages plug in: a page is a routable component (<c>@page</c>) in this assembly or in one added to
/// <see cref="Assemblies"/>; its menu entry is a <see cref="WebNavEntry"/> in <see cref="Entries"/>, shown to the roles it names;
/// <see cref="HomeFor"/> is the first screen each role lands on (docs/web.md, "Adding a persona's page").
/// </summary>
public static class WebPages
{
    /// <summary>Assemblies with more routable pages than this one's.</summary>
    public static Assembly[] Assemblies { get; set; } = [];

    public static IReadOnlyList<WebNavEntry> Entries { get; } =
    [
        new("/leader", "Nav.Heatmap", MudBlazor.Icons.Material.Filled.GridOn, [Roles.Leader, Roles.Admin]),
        new("/leader/diagram", "Nav.Diagram", MudBlazor.Icons.Material.Filled.AccountTree, [Roles.Leader, Roles.Admin]),
        new("/leader/bulletin", "Nav.Bulletin", MudBlazor.Icons.Material.Filled.Article, [Roles.Leader, Roles.Admin]),
        new("/tasks", "Tasks.Nav", MudBlazor.Icons.Material.Filled.AssignmentInd, [Roles.Officer]),
        new("/leader/problems", "Nav.Problems", MudBlazor.Icons.Material.Filled.Landscape, [Roles.Leader, Roles.Admin]),
        new("/liaison", "Nav.Liaison", MudBlazor.Icons.Material.Filled.SupportAgent, [Roles.Liaison]),
        new("/leader/inspections", "Nav.Inspections", MudBlazor.Icons.Material.Filled.FactCheck, [Roles.Leader, Roles.Admin]),
        new("/inspections", "Nav.Inspections", MudBlazor.Icons.Material.Filled.FactCheck, [Roles.Officer]),
        new("/leader/campaigns", "Nav.Campaigns", MudBlazor.Icons.Material.Filled.Flag, [Roles.Leader, Roles.Admin]),
        new("/projects", "Nav.Projects", MudBlazor.Icons.Material.Filled.List, [Roles.Leader, Roles.Admin, Roles.Officer, Roles.Liaison, Roles.Enterprise]),
        new("/projects/new", "Enterprise.Register", MudBlazor.Icons.Material.Filled.AddBox, [Roles.Enterprise, Roles.Admin]),
        new("/inbox", "Nav.Inbox", MudBlazor.Icons.Material.Filled.Inbox, [Roles.Leader, Roles.Admin, Roles.Officer, Roles.Liaison, Roles.Enterprise]),
    ];

    public static string HomeFor(string role) => role switch
    {
        Roles.Leader => "/leader",
        Roles.Officer => "/tasks",
        Roles.Liaison => "/liaison",
        _ => "/projects",
    };
}

/// <summary>A menu entry: the page's path, its label's resource key, a Material icon and the roles that see it.</summary>
public sealed record WebNavEntry(string Path, string LabelKey, string Icon, IReadOnlyList<string> Roles);
