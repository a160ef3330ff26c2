using System.Reflection;
using System.Text.Json;

namespace Workflow.Domain;

/// <summary>Every template version the platform knows, and which one an application date picks.</summary>
public sealed class TemplateCatalog
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly IReadOnlyList<WorkflowTemplate> templates;

    public TemplateCatalog(IEnumerable<WorkflowTemplate> templates)
    {
        this.templates = [.. templates.OrderBy(t => t.Id, StringComparer.Ordinal).ThenBy(t => t.Version)];
        foreach (var template in this.templates)
        {
            TemplateValidator.ThrowIfInvalid(template);
        }
    }

    public IReadOnlyList<WorkflowTemplate> All => templates;

    /// <summary>The templates shipped with the platform (embedded <c>Templates/*.json</c>).</summary>
    public static TemplateCatalog Embedded()
    {
        var assembly = typeof(TemplateCatalog).Assembly;
        const string prefix = "Workflow.Domain.Templates.";
        var loaded = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => Parse(ReadResource(assembly, n)));
        return new TemplateCatalog(loaded);
    }

    public static WorkflowTemplate Parse(string json) =>
        JsonSerializer.Deserialize<WorkflowTemplate>(json, JsonOptions)
        ?? throw new InvalidDataException("A template file is empty.");

    public WorkflowTemplate Get(string id, int version) =>
        templates.FirstOrDefault(t => t.Id == id && t.Version == version)
        ?? throw new KeyNotFoundException($"No template {id} v{version}.");

    /// <summary>The newest land-acquisition template whose period covers the application date.</summary>
    public WorkflowTemplate ForApplication(DateOnly appliedOn) =>
        FindForApplication(Procedures.LandAcquisition, appliedOn)
        ?? throw new KeyNotFoundException($"No template applies to an application dated {appliedOn:yyyy-MM-dd}.");

    /// <summary>The newest template of <paramref name="procedure"/> whose period covers the application date; null when
    /// the procedure is unknown or none of its versions covers the date.</summary>
    public WorkflowTemplate? FindForApplication(string procedure, DateOnly appliedOn) =>
        templates.Where(t => t.Procedure == procedure && t.AppliesTo(appliedOn)).OrderByDescending(t => t.Version).FirstOrDefault();

    /// <summary>The procedures the template files declare.</summary>
    public IReadOnlyList<string> ProcedureNames =>
        [.. templates.Select(t => t.Procedure).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> Departments =>
        [.. templates.SelectMany(t => t.Steps)
            .SelectMany(s => s.DepartmentByApprovalLevel?.Values ?? (s.Department is null ? [] : [s.Department]))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidDataException($"Resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>Refuses a template that could never run: unknown dependencies, cycles, steps without a department.</summary>
public static class TemplateValidator
{
    public static IReadOnlyList<string> Problems(WorkflowTemplate template)
    {
        var problems = new List<string>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in template.Steps)
        {
            if (!keys.Add(step.Key))
            {
                problems.Add($"step '{step.Key}' appears twice");
            }
        }

        foreach (var step in template.Steps)
        {
            foreach (var dependency in step.DependsOn.Where(d => !keys.Contains(d)))
            {
                problems.Add($"step '{step.Key}' depends on unknown step '{dependency}'");
            }

            foreach (var other in step.DependsOnStart.Concat(step.DependsOnWhen.Select(d => d.Step)).Where(d => !keys.Contains(d)))
            {
                problems.Add($"step '{step.Key}' depends on unknown step '{other}'");
            }

            if (step.ClockFrom is { } from && !keys.Contains(from.Step))
            {
                problems.Add($"step '{step.Key}' counts its clock from unknown step '{from.Step}'");
            }

            foreach (var required in step.Gates.SelectMany(g => g.Requires).Where(r => !keys.Contains(r)))
            {
                problems.Add($"a gate of step '{step.Key}' requires unknown step '{required}'");
            }

            if (step.OnRequest is { } onRequest && !keys.Contains(onRequest.WindowClosesWith))
            {
                problems.Add($"step '{step.Key}' closes with unknown step '{onRequest.WindowClosesWith}'");
            }

            if (step.HeldWhen is { } held && !keys.Contains(held.Step))
            {
                problems.Add($"step '{step.Key}' is held on the facts of unknown step '{held.Step}'");
            }

            foreach (var reopened in step.Reopens.Where(r => !keys.Contains(r)))
            {
                problems.Add($"step '{step.Key}' reopens unknown step '{reopened}'");
            }

            foreach (var covers in step.CompletionFacts.Select(f => f.Covers).OfType<FactReference>().Where(c => !keys.Contains(c.Step)))
            {
                problems.Add($"a fact of step '{step.Key}' covers a fact of unknown step '{covers.Step}'");
            }

            if (step.Department is null && (step.DepartmentByApprovalLevel is null || step.DepartmentByApprovalLevel.Count == 0))
            {
                problems.Add($"step '{step.Key}' names no department");
            }
        }

        problems.AddRange(RegistrationProblems(template));

        if (!template.Steps.Any(s => s.Kind == StepKind.Final))
        {
            problems.Add("no step is marked Final");
        }

        if (HasCycle(template))
        {
            problems.Add("the dependencies form a cycle");
        }

        return problems;
    }

    /// <summary>A procedure's registration must name facts it declares, a 2-digit code type and known registrars.</summary>
    private static IEnumerable<string> RegistrationProblems(WorkflowTemplate template)
    {
        if (template.Registration is not { } registration)
        {
            if (template.Procedure != Procedures.LandAcquisition)
            {
                yield return $"procedure '{template.Procedure}' declares no registration";
            }

            yield break;
        }

        if (registration.CodeType is not { Length: 2 } codeType || !codeType.All(char.IsAsciiDigit))
        {
            yield return "the registration's codeType must be 2 digits";
        }

        foreach (var field in registration.Fields.Where(f => !ProjectRegistration.ProcedureFields.Contains(f)))
        {
            yield return $"the registration uses unknown field '{field}'";
        }

        foreach (var registrar in registration.RegisteredBy.Where(r => r is not (RegistrarKinds.Admin or RegistrarKinds.Enterprise)
                     && !(r.StartsWith(RegistrarKinds.OfficerPrefix, StringComparison.Ordinal) && r.Length > RegistrarKinds.OfficerPrefix.Length)))
        {
            yield return $"unknown registrar '{registrar}'";
        }

        var facts = registration.Facts.ToDictionary(f => f.Fact, StringComparer.Ordinal);
        foreach (var check in registration.Checks)
        {
            if (!facts.TryGetValue(check.Fact, out var fact))
            {
                yield return $"check '{check.Rule}' is on undeclared fact '{check.Fact}'";
                continue;
            }

            var kind = check.MustBe is not null ? RegistrationFactKind.Boolean : RegistrationFactKind.Number;
            if (fact.Kind != kind || (check.MustBe is null) == (check.AtMost is null && check.AtMostBy is null))
            {
                yield return $"check '{check.Rule}' must be either a figure on a number or mustBe on a flag";
            }

            if (check.AtMostBy is { } lookup && (!facts.TryGetValue(lookup.Fact, out var by) || by.Kind != RegistrationFactKind.Choice
                || by.Values is null || by.Values.Any(v => !lookup.Values.ContainsKey(v))))
            {
                yield return $"check '{check.Rule}' must give a figure for every value of a declared choice";
            }
        }
    }

    public static void ThrowIfInvalid(WorkflowTemplate template)
    {
        var problems = Problems(template);
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"Template {template.Id} v{template.Version} is invalid: {string.Join("; ", problems)}.");
        }
    }

    private static bool HasCycle(WorkflowTemplate template)
    {
        var byKey = template.Steps.GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.First());
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        bool Visit(string key)
        {
            if (state.TryGetValue(key, out var s))
            {
                return s == 1;
            }

            state[key] = 1;
            if (byKey.TryGetValue(key, out var step)
                && step.DependsOn.Concat(step.DependsOnStart).Concat(step.DependsOnWhen.Select(d => d.Step)).Any(Visit))
            {
                return true;
            }

            state[key] = 2;
            return false;
        }

        return template.Steps.Any(s => Visit(s.Key));
    }
}
