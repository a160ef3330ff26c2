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
            text.Append($"\n## {template.Id} v{template.Version}: {template.Name}\n\n{template.NameZh}; {period}.\n\n```mermaid\n");
            text.Append(Mermaid(template));
            text.Append("```\n");
        }

        return text.ToString();
    }
}
