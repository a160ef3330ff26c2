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
            if (template.Registration is { } registration)
            {
                AppendRegistration(text, template, registration);
            }
        }

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

            foreach (var fact in step.CompletionFacts.Where(f => f.Law is not null))
            {
                rows.Add(($"`{step.Key}` fact `{fact.Fact}`{(fact.Rule is { } rule ? $" (`{rule}`)" : "")}", fact.Law!));
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

    /// <summary>A procedure's registration: who registers, who owns, the facts it needs and the named checks on them.</summary>
    private static void AppendRegistration(StringBuilder text, WorkflowTemplate template, RegistrationDefinition registration)
    {
        text.Append($"\nProcedure `{template.Procedure}` (registration `\"procedure\": \"{template.Procedure}\"`); approval level `{template.ApprovalLevel ?? "by area"}`; ");
        text.Append($"registered by {string.Join(", ", registration.RegisteredBy.Select(r => $"`{r}`"))}; case numbers with TT `{registration.CodeType}`");
        text.Append(registration.Fields.Count > 0 ? $"; uses {string.Join(", ", registration.Fields.Select(f => $"`{f}`"))}.\n" : ".\n");
        if (registration.Owner is { } owner)
        {
            var check = owner.UsccPrefix is { } prefix ? $" (USCC beginning `{prefix}`, else `{owner.Rule}`)" : "";
            text.Append($"Owner: {owner.Description}{check}{(owner.Law is { } law ? $"; {law}" : "")}.\n");
        }

        text.Append("\n| Registration fact | Kind | Law |\n|---|---|---|\n");
        foreach (var fact in registration.Facts)
        {
            var values = fact.Values is { } choices ? $": {string.Join(" / ", choices)}" : "";
            text.Append($"| `{fact.Fact}` {fact.Description} | {fact.Kind}{values} | {fact.Law ?? ""} |\n");
        }

        if (registration.Checks.Count > 0)
        {
            text.Append("\n| Registration rule | Refused when | Law |\n|---|---|---|\n");
            foreach (var check in registration.Checks)
            {
                var when = check.MustBe is { } expected
                    ? $"`{check.Fact}` is not {(expected ? "true" : "false")}"
                    : check.AtMostBy is { } lookup
                        ? $"`{check.Fact}` above {string.Join(", ", lookup.Values.Select(v => $"{v.Value} ({lookup.Fact} {v.Key})"))}"
                        : $"`{check.Fact}` above {check.AtMost}";
                text.Append($"| `{check.Rule}` | {when} | {check.Law ?? ""} |\n");
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
        return boundaries.All(day => !ReferenceEquals(catalog.FindForApplication(template.Procedure, day), template));
    }
}
