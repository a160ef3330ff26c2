namespace Workflow.Demo;

/// <summary>Names in the style of Huzhou's project lists; a repeated name becomes a further phase.</summary>
internal sealed class DemoProjectNames
{
    private static readonly string[] RailLines = ["沪苏湖铁路", "如通苏湖城际铁路", "湖州市域铁路S1线", "湖州市域铁路S2线", "杭德城际铁路", "湖安城际铁路"];
    private static readonly string[] Expressways = ["申嘉湖高速公路", "湖杭高速公路", "杭长高速公路", "申苏浙皖高速公路", "德安高速公路"];
    private static readonly string[] Waterways = ["长湖申线航道", "湖嘉申线航道", "杭湖锡线航道", "东宗线航道", "京杭运河"];
    private static readonly string[] Industries = ["新能源汽车", "智能装备", "生物医药", "绿色家居", "新材料", "数字经济", "动力电池", "绿色建材"];
    private static readonly string[] Schools = ["中学", "小学", "实验小学", "幼儿园", "职业技术学校", "高级中学", "九年一贯制学校"];
    private static readonly string[] Utilities = ["110千伏输变电工程", "220千伏变电站工程", "天然气管道工程", "污水处理厂扩建工程", "水厂提标改造工程", "垃圾资源化利用中心"];
    private static readonly string[] Tourism = ["旅游度假区", "竹海康养基地", "白茶文化园", "房车营地", "乡村旅游综合体", "茶旅融合示范区", "户外运动基地"];
    private static readonly string[] Phases = ["二期", "三期", "四期", "五期", "六期", "七期", "八期", "九期"];

    private readonly Dictionary<string, int> used = new(StringComparer.Ordinal);

    public string Next(string type, DemoCounty county, Random random)
    {
        var town = Pick(county.Towns, random);
        var name = type switch
        {
            "rail" => $"{Pick(RailLines, random)}（{county.NameZh}段）",
            "expressway" => $"{Pick(Expressways, random)}{county.NameZh}段改扩建工程",
            "waterway" => $"{Pick(Waterways, random)}{county.NameZh}段整治工程",
            "industrial-park" => $"{county.NameZh}{town}{Pick(Industries, random)}产业园",
            "standard-land" => $"{town}{Pick(Industries, random)}标准地项目",
            "sports-centre" => random.Next(3) == 0 ? $"{county.NameZh}体育中心" : $"{town}全民健身中心",
            "school" => $"{town}{Pick(Schools, random)}新建工程",
            "utility" => $"{town}{Pick(Utilities, random)}",
            "tourism" => $"{town}{Pick(Tourism, random)}",
            _ => $"{town}建设项目",
        };

        var count = used.GetValueOrDefault(name);
        used[name] = count + 1;
        return count == 0 ? name : $"{name}（{(count <= Phases.Length ? Phases[count - 1] : $"{count + 1}期")}）";
    }

    private static string Pick(IReadOnlyList<string> values, Random random) => values[random.Next(values.Count)];
}
