using System.Text;

namespace Workflow.Domain;

/// <summary>Draws a template as a Mermaid flowchart, so the docs show the procedure the code runs.</summary>
public static class TemplateDiagram
{
    public static string Mermaid(WorkflowTemplate template)
    {
        var text = new StringBuilder();
        text.Append("flowchart TD\n");
        foreach (var step in template.Steps)
        {
            var department = step.Department ?? string.Join(" / ", step.DepartmentByApprovalLevel!.Values);
            var limit = step.TimeLimit?.ToString()
                ?? string.Join(" / ", step.TimeLimitByApprovalLevel!.Select(l => $"{l.Key}: {l.Value}"));
            var notes = new List<string> { department, limit };
            if (step.MinimumDuration is { } minimum)
            {
                notes.Add($"at least {minimum.AsLimit()}");
            }

            if (step.AppliesWhen is { Track: { } track })
            {
                notes.Add($"{track} track only");
            }

            if (step.OnRequest is not null)
            {
                notes.Add("only if requested");
            }

            var shape = step.OnRequest is not null || step.AppliesWhen is not null ? ("{{", "}}") : ("[", "]");
            text.Append($"    {step.Key}{shape.Item1}\"{step.NameZh}<br/>{step.Name}<br/><small>{string.Join("; ", notes)}</small>\"{shape.Item2}\n");
        }

        foreach (var step in template.Steps)
        {
            foreach (var dependency in step.DependsOn)
            {
                var gate = step.Gates.FirstOrDefault(g => g.Requires.Contains(dependency));
                text.Append(gate is null
                    ? $"    {dependency} --> {step.Key}\n"
                    : $"    {dependency} -- \"{gate.Rule}\" --> {step.Key}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The docs page with every template's diagram.</summary>
    public static string Document(TemplateCatalog catalog)
    {
        var text = new StringBuilder();
        text.Append("# Workflow templates\n\n");
        text.Append("Generated from the template files in `grains/Workflow.Domain/Templates/` by `TemplateDiagram`; ");
        text.Append("a test fails when this page and the templates disagree (set `LANDFLOW_UPDATE_DOCS=1` and run the tests to rewrite it).\n");
        foreach (var template in catalog.All)
        {
            var period = template.AppliesUntil is { } until
                ? $"applications from {template.AppliesFrom:yyyy-MM-dd} until {until:yyyy-MM-dd}"
                : $"applications from {template.AppliesFrom:yyyy-MM-dd}";
            var superseded = IsSuperseded(catalog, template)
                ? " Superseded for new applications by a later version; kept for the projects registered under it."
                : "";
            text.Append($"\n## {template.Id} v{template.Version}: {template.Name}\n\n{template.NameZh}; {period}.{superseded}\n\n```mermaid\n");
            text.Append(Mermaid(template));
            text.Append("```\n");
            AppendLaw(text, template);
        }

        RuleBookDocument.Append(text, ApprovalAuthorityBook.Standard, WorkingCalendar.Embedded());
        return text.ToString();
    }

    /// <summary>The statutes behind the template, its steps, minimum periods and gates, as a table under the diagram.</summary>
    private static void AppendLaw(StringBuilder text, WorkflowTemplate template)
    {
        var rows = new List<(string What, string Law)>();
        foreach (var step in template.Steps)
        {
            if (step.Law is { } law)
            {
                rows.Add(($"`{step.Key}` {step.NameZh}", law));
            }

            if (step.MinimumDuration is { Law: { } minimumLaw } minimum)
            {
                rows.Add(($"`{step.Key}` at least {minimum.AsLimit()} (`{minimum.Rule}`)", minimumLaw));
            }

            foreach (var gate in step.Gates.Where(g => g.Law is not null))
            {
                rows.Add(($"`{step.Key}` gate `{gate.Rule}`", gate.Law!));
            }
        }

        if (template.Law is null && rows.Count == 0)
        {
            return;
        }

        text.Append('\n');
        if (template.Law is { } procedureLaw)
        {
            text.Append($"Law: {procedureLaw}.\n\n");
        }

        if (rows.Count > 0)
        {
            text.Append("| Step or rule | Law |\n|---|---|\n");
            foreach (var (what, law) in rows)
            {
                text.Append($"| {what} | {law} |\n");
            }
        }
    }

    /// <summary>Whether no application date picks this template any more (a later version covers its whole period).</summary>
    private static bool IsSuperseded(TemplateCatalog catalog, WorkflowTemplate template)
    {
        // Which template a date picks changes only at some template's boundary, so those dates are enough.
        var boundaries = catalog.All
            .SelectMany(t => t.AppliesUntil is { } until ? new[] { t.AppliesFrom, until } : [t.AppliesFrom])
            .Append(template.AppliesFrom)
            .Where(template.AppliesTo)
            .Distinct();
        return boundaries.All(day => !ReferenceEquals(catalog.ForApplication(day), template));
    }
}
