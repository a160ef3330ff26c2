namespace Workflow.Domain;

/// <summary>The county-level divisions of Huzhou (湖州市) whose codes appear in project codes.</summary>
public static class Counties
{
    public static IReadOnlyList<County> Huzhou { get; } =
    [
        new("330502", "吴兴区", "Wuxing District"),
        new("330503", "南浔区", "Nanxun District"),
        new("330521", "德清县", "Deqing County"),
        new("330522", "长兴县", "Changxing County"),
        new("330523", "安吉县", "Anji County"),
    ];

    private static readonly Dictionary<string, County> ByCode = Huzhou.ToDictionary(county => county.Code, StringComparer.Ordinal);

    public static bool IsKnown(string code) => code is not null && ByCode.ContainsKey(code);

    /// <exception cref="KeyNotFoundException">The code is not a Huzhou county.</exception>
    public static County Get(string code) =>
        IsKnown(code) ? ByCode[code] : throw new KeyNotFoundException($"'{code}' is not the code of a Huzhou county.");
}
