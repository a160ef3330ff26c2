using System.Collections.Concurrent;
using System.Globalization;

namespace Workflow.Web;

/// <summary>Step, document and county names from the template files (through <see cref="ITemplateCatalogGrain"/>), in the
/// reader's language; kept once per host, since the files change only with a release.</summary>
public sealed class TemplateNames(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<(string Id, int Version), Task<TemplateView?>> templates = new();
    private Task<TemplateCatalogView>? catalog;

    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public Task<TemplateCatalogView> CatalogAsync() =>
        catalog ??= grains.GetGrain<ITemplateCatalogGrain>(0).ListAsync();

    public Task<TemplateView?> TemplateAsync(string id, int version) =>
        templates.GetOrAdd((id, version), key => grains.GetGrain<ITemplateCatalogGrain>(0).GetAsync(key.Id, key.Version));

    public async Task<string> CountyAsync(string code)
    {
        var county = (await CatalogAsync()).Counties.FirstOrDefault(c => c.Code == code);
        return county is null ? code : IsChinese ? county.NameZh : county.Name;
    }

    public async Task<IReadOnlyDictionary<string, string>> CountiesAsync() =>
        (await CatalogAsync()).Counties.ToDictionary(c => c.Code, c => IsChinese ? c.NameZh : c.Name, StringComparer.Ordinal);

    public static string Step(TemplateView? template, string key) =>
        template?.Steps.FirstOrDefault(s => s.Key == key) is { } step ? (IsChinese ? step.NameZh : step.Name) : key;

    public static string Of(TemplateView template) => IsChinese ? template.NameZh : template.Name;

    public static string Of(TemplateDocumentView document) => IsChinese ? document.NameZh : document.Name;
}
