namespace Workflow.Domain;

/// <summary>The land-use project types (the registration's <c>type</c>) and their 2-digit codes. The platform's own
/// allocator writes this code in the TT part of the codes it issues, as a stand-in: in a code as issued, TT is the
/// national project type of GB/T 40058-2021 (基本建设, 技术改造, …), which is not this and is not interpreted.</summary>
public static class ProjectTypes
{
    public static IReadOnlyList<ProjectType> All { get; } =
    [
        new("rail", "01", "轨道交通", "Rail transit"),
        new("expressway", "02", "高速公路", "Expressway"),
        new("waterway", "03", "航道整治", "Waterway regulation"),
        new("industrial-park", "04", "产业园区", "Industrial park"),
        new("standard-land", "05", "标准地", "Standard land"),
        new("sports-centre", "06", "体育中心", "Sports centre"),
        new("school", "07", "学校", "School"),
        new("resettlement-housing", "08", "安置房", "Resettlement housing"),
        new("utility", "09", "公用设施", "Public utility"),
        new("tourism", "10", "旅游项目", "Tourism project"),
    ];

    private static readonly Dictionary<string, ProjectType> ByKey = All.ToDictionary(type => type.Key, StringComparer.Ordinal);

    private static readonly Dictionary<string, ProjectType> ByCode = All.ToDictionary(type => type.Code, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="key"/> is a type key; keys are lower case and compared exactly.</summary>
    public static bool IsKnown(string key) => key is not null && ByKey.ContainsKey(key);

    /// <exception cref="KeyNotFoundException">The key is not a project type.</exception>
    public static ProjectType Get(string key) =>
        IsKnown(key) ? ByKey[key] : throw new KeyNotFoundException($"'{key}' is not a project type key.");

    /// <summary>The land-use type with the 2-digit <paramref name="code"/>.</summary>
    public static bool TryGetByCode(string code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProjectType? type) =>
        ByCode.TryGetValue(code ?? string.Empty, out type);
}
