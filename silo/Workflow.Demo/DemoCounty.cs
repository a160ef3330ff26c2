namespace Workflow.Demo;

/// <summary>What the demo data knows of one county: the quality of its land, how much of it is paddy,
/// its towns, its quota lots and the demo enterprise that builds there.</summary>
/// <param name="PaddyFactor">Scales the paddy share of a project's cultivated land (南浔 most, 安吉 least).</param>
/// <param name="LotPaddyShare">Paddy share of the supplementary farmland the county certifies.</param>
internal sealed record DemoCounty(
    string Code,
    string NameZh,
    int BestGrade,
    int WorstGrade,
    decimal PaddyFactor,
    string Owner,
    IReadOnlyList<string> Towns,
    int LotBestGrade,
    int LotWorstGrade,
    decimal LotPaddyShare);

internal static class DemoCounties
{
    /// <summary>The city-level group that builds rail, expressways and waterways, and stands in
    /// where a county has no demo enterprise of its own (德清).</summary>
    public const string CityOwner = "ent-rail";

    public const string Wuxing = "330502";
    public const string Nanxun = "330503";
    public const string Deqing = "330521";
    public const string Changxing = "330522";
    public const string Anji = "330523";

    public static IReadOnlyList<DemoCounty> All { get; } =
    [
        new(Wuxing, "吴兴区", 5, 8, 1.0m, "ent-wuxing", ["织里镇", "八里店镇", "埭溪镇", "妙西镇", "东林镇", "道场乡", "环渚街道"], 4, 7, 0.55m),
        new(Nanxun, "南浔区", 4, 7, 1.3m, "ent-nanxun", ["练市镇", "双林镇", "菱湖镇", "和孚镇", "善琏镇", "旧馆镇", "千金镇", "石淙镇"], 3, 6, 0.75m),
        new(Deqing, "德清县", 5, 9, 1.0m, CityOwner, ["武康街道", "新市镇", "乾元镇", "洛舍镇", "钟管镇", "禹越镇", "莫干山镇", "雷甸镇"], 4, 7, 0.55m),
        new(Changxing, "长兴县", 6, 9, 0.9m, "ent-park", ["雉城街道", "画溪街道", "泗安镇", "和平镇", "李家巷镇", "夹浦镇", "煤山镇", "林城镇", "洪桥镇"], 5, 8, 0.5m),

        // The hills: poorer land, little paddy.
        new(Anji, "安吉县", 7, 12, 0.45m, "ent-anji", ["递铺街道", "孝丰镇", "天荒坪镇", "梅溪镇", "鄣吴镇", "天子湖镇", "报福镇", "杭垓镇", "溪龙乡"], 6, 10, 0.3m),
    ];

    public static DemoCounty Get(string code) => All.Single(c => c.Code == code);
}
