using Microsoft.Extensions.Localization;

namespace Workflow.Web;

/// <summary>
/// A project's status in one line of plain words, as an enterprise reads it on a phone: who holds it, what it waits for and
/// the working days left or overdue ("等待自然资源和规划局受理「农用地转用和土地征收报批」，剩余3个工作日"), or that it is closed.
/// The sentences are label templates (<c>Enterprise.Status.*</c>); step names come from the template, department names
/// from the labels, so nothing here is in one language.
/// </summary>
public static class ProjectStatusText
{
    private static readonly string[] OpenStates = ["ready", "received", "inProgress", "suspended"];

    public static string Line(IStringLocalizer labels, ProjectView project, IReadOnlyList<StepDueView> due, TemplateView? template)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(due);
        if (project.State is "completed" or "withdrawn" or "rejected")
        {
            return labels[$"Enterprise.Status.{project.State}"].Value;
        }

        // The step that needs attention first: the earliest last day, then the template's order.
        var open = project.Steps.Where(s => OpenStates.Contains(s.State)).ToList();
        if (open.Count == 0)
        {
            return labels["Enterprise.Status.waiting"].Value;
        }

        var dueOf = due.ToDictionary(d => d.Step, StringComparer.Ordinal);
        var first = open
            .OrderBy(s => dueOf.TryGetValue(s.Key, out var d) ? d.Due : DateOnly.MaxValue)
            .ThenBy(s => open.IndexOf(s))
            .First();
        var step = TemplateNames.Step(template, first.Key);
        var department = Department(labels, first.Department);
        var missing = project.MissingDocuments.Count(m => m.Step == first.Key);
        var line = first.State switch
        {
            "ready" when missing > 0 => labels["Enterprise.Status.missing", step, missing].Value,
            "ready" => labels["Enterprise.Status.ready", department, step].Value,
            "received" => labels["Enterprise.Status.received", department, step].Value,
            "suspended" => labels["Enterprise.Status.suspended", department, step].Value,
            _ => labels["Enterprise.Status.inprogress", department, step].Value,
        };

        // A suspended step's clock stands still (补正), so no days are counted for it.
        if (first.State != "suspended" && dueOf.TryGetValue(first.Key, out var days))
        {
            line += days.WorkingDaysLeft switch
            {
                > 0 => labels["Enterprise.Status.left", days.WorkingDaysLeft].Value,
                0 => labels["Enterprise.Status.today"].Value,
                _ => labels["Enterprise.Status.overdue", -days.WorkingDaysLeft].Value,
            };
        }

        return open.Count > 1 ? line + labels["Enterprise.Status.parallel", open.Count - 1].Value : line;
    }

    /// <summary>A department's name in the reader's language (<c>Department.&lt;key&gt;</c>), its key when unlabelled.</summary>
    public static string Department(IStringLocalizer labels, string key)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var label = labels[$"Department.{key}"];
        return label.ResourceNotFound ? key : label.Value;
    }
}
