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

            if (step.HeldWhen is { } held)
            {
                notes.Add($"held only when {held.Step} calls for it");
            }

            if (step.ClockFrom is { } from)
            {
                notes.Add($"counted from {from.Step} {from.Event.ToString().ToLowerInvariant()}");
            }

            var shape = step.OnRequest is not null || step.AppliesWhen is not null || step.HeldWhen is not null ? ("{{", "}}") : ("[", "]");
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

            foreach (var reopened in step.Reopens)
            {
                text.Append($"    {step.Key} -.->|reopens| {reopened}\n");
            }

            foreach (var conditional in step.DependsOnWhen)
            {
                var kinds = conditional.When.ApprovalKinds is { } k ? string.Join("/", k) : "some projects";
                text.Append($"    {conditional.Step} -. \"{kinds}\" .-> {step.Key}\n");
            }

            foreach (var started in step.DependsOnStart)
            {
                text.Append($"    {started} -. \"once started\" .-> {step.Key}\n");
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
        text.Append(ClockText);
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

        RuleBookDocument.Append(text, ApprovalAuthorityBook.Standard, WorkingCalendar.Embedded());
        return text.ToString();
    }

    /// <summary>How every template's clocks run; the figures are the rule book's defaults (<see cref="WorkflowRules"/>).</summary>
    private const string ClockText = """

        ## How step clocks run

        - A step becomes **ready** when the steps it depends on are done or skipped (and those it depends on the *start* of,
          dotted edges "once started", have started). It is **received** (`received`) once the owner has submitted every
          document it needs; a step needing none is received as it becomes ready (the earlier step's completion is the
          submission). Steps held only on request (the hearing) are not received until requested.
        - From receipt the department has **5 working days** (行政许可法 第三十二条; rule book `AcceptanceWorkingDays`) to
          accept (`start`) or to ask **once** for everything missing (`suspend` with the list; a second request is refused,
          `supplement-already-requested`). The supplement, once in (`resume`), is received anew with a new window.
        - Silence through the window is **acceptance on receipt**: the system records `accepted-on-receipt` in the history
          (on the deadline path, nobody acts) and the step's statutory limit runs from receipt. Accepted within the window,
          the limit runs from the acceptance. Either way a received step has a due date and a light from receipt.
        - A limit the law counts from another act (`clockFrom`, e.g. payment within 60 days of the acquisition announcement,
          浙江省土地管理条例 第四十六条) runs from that act whoever starts the step when; `clockStartsAt: Ready` counts from readiness.
        - **Extension** (延期, 行政许可法 第四十二条): `extend` with a reason and `facts.workingDays`, at most 10 working days
          (rule book `MaxExtensionWorkingDays`), once per step; it moves the due date and is recorded.
        - A step with a minimum period (announcements) completes only once it has been started and the period has run.
        - Dotted edges labelled with approval kinds hold only for those projects: pre-review precedes an approved (审批) or
          ratified (核准) project's approval; a filed (备案) project may do it before or after (实施条例 第二十四条).
          The approval kind is registered (`approvalKind`, default `approved`).

        """;

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

            if (step.HeldWhen is { Law: { } heldLaw } held)
            {
                var conditions = held.AnyOf.Select(c => c.MoreThanHalfOf is { } of ? $"`{c.Fact}` more than half of `{of}`" : $"`{c.Fact}`");
                var heldRule = held.Rule is { } named ? $" (`{named}`)" : "";
                rows.Add(($"`{step.Key}` held when {held.Step} records {string.Join(" or ", conditions)}{heldRule}", heldLaw));
            }

            foreach (var fact in step.CompletionFacts.Where(f => f.Law is not null))
            {
                var what = fact.Covers is { } covers ? $" covering {covers.Step}'s `{covers.Fact}`"
                    : fact.Kind == FactKind.Holdouts ? " with each unsigned household and its reason, at most the rule book's share unsigned (`holdouts-too-many`)"
                    : "";
                var rule = fact.Rule is { } named ? $" (`{named}`)" : "";
                rows.Add(($"`{step.Key}` fact `{fact.Fact}`{what}{rule}", fact.Law!));
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
