namespace Workflow.Contracts;

/// <summary>
/// The template files and county names as the pages need them: step, document and county names in both languages and the
/// graph of steps, so a page draws a procedure and names its parts without a rule or template of its own. Stateless.
/// </summary>
public interface ITemplateCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>One template version; null when there is none.</summary>
    Task<TemplateView?> GetAsync(string id, int version);

    /// <summary>The newest version of every template id (the heatmap's choices), then the counties.</summary>
    Task<TemplateCatalogView> ListAsync();
}

/// <summary><c>DependsOn</c>: the steps that must complete first (plain and conditional); <c>StartsAfter</c>: those that
/// must only have started. <c>Department</c> is the step's department key (by approval level when it varies: the first).</summary>
[GenerateSerializer, Immutable, Alias("landflow.TemplateStepView")]
public sealed record TemplateStepView(
    [property: Id(0)] string Key,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameZh,
    [property: Id(3)] IReadOnlyList<string> Departments,
    [property: Id(4)] IReadOnlyList<string> DependsOn,
    [property: Id(5)] IReadOnlyList<string> StartsAfter,
    [property: Id(6)] int? TimeLimitWorkingDays,
    [property: Id(7)] IReadOnlyList<TemplateDocumentView> Documents,
    [property: Id(8)] bool Conditional);

[GenerateSerializer, Immutable, Alias("landflow.TemplateDocumentView")]
public sealed record TemplateDocumentView(
    [property: Id(0)] string Key,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameZh);

[GenerateSerializer, Immutable, Alias("landflow.TemplateView")]
public sealed record TemplateView(
    [property: Id(0)] string Id,
    [property: Id(1)] int Version,
    [property: Id(2)] string Name,
    [property: Id(3)] string NameZh,
    [property: Id(4)] string Procedure,
    [property: Id(5)] IReadOnlyList<TemplateStepView> Steps);

[GenerateSerializer, Immutable, Alias("landflow.CountyNameView")]
public sealed record CountyNameView(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameZh);

[GenerateSerializer, Immutable, Alias("landflow.TemplateCatalogView")]
public sealed record TemplateCatalogView(
    [property: Id(0)] IReadOnlyList<TemplateView> Templates,
    [property: Id(1)] IReadOnlyList<CountyNameView> Counties);
