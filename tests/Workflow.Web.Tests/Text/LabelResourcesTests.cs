using System.Xml.Linq;

namespace Workflow.Web.Tests;

/// <summary>Every label exists in both languages, and no label's Chinese is left in the English resources.</summary>
public sealed class LabelResourcesTests
{
    private static readonly string ResourceDirectory = Path.Combine(Path.GetDirectoryName(Screenshots.Directory)!, "..", "client", "Workflow.Web", "Resources");

    [Fact]
    public void Labels_BothLanguages_HoldTheSameKeys()
    {
        var english = Read("Labels.resx");
        var chinese = Read("Labels.zh-CN.resx");

        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.Empty(chinese.Keys.Except(english.Keys));
    }

    [Fact]
    public void Labels_English_HoldNoChineseButTheOtherLanguagesName()
    {
        var english = Read("Labels.resx");

        var chineseLabels = english.Where(label => label.Key != "Nav.OtherLanguage" && label.Value.Any(c => c is >= '\u3400' and <= '\u9fff')).Select(label => label.Key);

        Assert.Empty(chineseLabels);
    }

    [Fact]
    public void Labels_EveryTemplateDepartment_IsNamedInBothLanguages()
    {
        var departments = Directory.GetFiles(Path.Combine(ResourceDirectory, "..", "..", "..", "grains", "Workflow.Domain", "Templates"), "*.json")
            .SelectMany(file => System.Text.Json.JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("steps").EnumerateArray())
            .SelectMany(step => step.TryGetProperty("department", out var one) ? [one.GetString()!]
                : step.TryGetProperty("departmentByApprovalLevel", out var many) ? many.EnumerateObject().Select(p => p.Value.GetString()!) : [])
            .Distinct()
            .ToList();
        var english = Read("Labels.resx");

        Assert.NotEmpty(departments);
        Assert.All(departments, department => Assert.True(english.ContainsKey("Department." + department), $"No label for the department '{department}'."));
    }

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(ResourceDirectory, file)).Root!.Elements("data")
            .ToDictionary(data => data.Attribute("name")!.Value, data => data.Element("value")!.Value, StringComparer.Ordinal);
}
