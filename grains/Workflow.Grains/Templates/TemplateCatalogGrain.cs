using Orleans.Concurrency;
using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains;

/// <summary>Serves the template files and county names to the pages. Stateless: every silo answers from its own copy.</summary>
[StatelessWorker]
public sealed class TemplateCatalogGrain(WorkflowEnvironment environment) : Grain, ITemplateCatalogGrain
{
    public Task<TemplateView?> GetAsync(string id, int version) =>
        Task.FromResult(environment.Templates.All.FirstOrDefault(t => t.Id == id && t.Version == version) is { } template
            ? ToView(template)
            : null);

    public Task<TemplateCatalogView> ListAsync() =>
        Task.FromResult(new TemplateCatalogView(
            [.. environment.Templates.All.GroupBy(t => t.Id).Select(g => ToView(g.MaxBy(t => t.Version)!)).OrderBy(t => t.Id, StringComparer.Ordinal)],
            [.. Counties.Huzhou.Select(c => new CountyNameView(c.Code, c.Name, c.NameZh))]));

    internal static TemplateView ToView(WorkflowTemplate template) => new(
        template.Id,
        template.Version,
        template.Name,
        template.NameZh,
        template.Procedure,
        [.. template.Steps.Select(step => new TemplateStepView(
            step.Key,
            step.Name,
            step.NameZh,
            step.DepartmentByApprovalLevel is { } byLevel ? [.. byLevel.Values.Distinct(StringComparer.Ordinal)] : step.Department is null ? [] : [step.Department],
            [.. step.DependsOn.Concat(step.DependsOnWhen.Select(w => w.Step)).Distinct(StringComparer.Ordinal)],
            [.. step.DependsOnStart],
            step.TimeLimit is { Unit: TimeUnit.WorkingDays } limit ? limit.Amount : null,
            [.. step.Documents.Select(d => new TemplateDocumentView(d.Key, d.Name, d.NameZh))],
            step.OnRequest is not null || step.AppliesWhen is not null || step.HeldWhen is not null))]);
}
