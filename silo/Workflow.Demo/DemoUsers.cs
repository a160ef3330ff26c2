using Workflow.Domain;

namespace Workflow.Demo;

/// <summary>A user of the demo directory: who they are and the claims their token carries.</summary>
/// <param name="County">A 6-digit region code; null for officers and liaisons acting in every county.</param>
public sealed record DemoUser(string Id, string Role, string Name, string? Uscc, string? Department, string? County);

/// <summary>
/// The fixed cast of embedded/development mode, shared by the gateway (tokens) and the demo-data seeder.
/// Every department the templates name has an officer with no county, so any step can be acted on.
/// </summary>
public static class DemoUsers
{
    public static IReadOnlyList<DemoUser> All { get; } =
    [
        Enterprise("ent-rail", "湖州市交通投资集团", "91330500MA2JTR010T"),
        Enterprise("ent-park", "长兴经济开发区建设发展有限公司", "91330522MA2KPK020P"),
        Enterprise("ent-anji", "安吉旅游发展有限公司", "91330523MA2LTY030G"),
        Enterprise("ent-wuxing", "吴兴城市建设投资集团", "91330502MA2WXC040X"),
        Enterprise("ent-nanxun", "南浔新农村建设公司", "91330503MA2NXH0502"),

        Officer("off-drc", "发展和改革局", "development-reform"),
        Officer("off-prov-nr", "省自然资源厅", "province-natural-resources"),
        Officer("off-nr", "市自然资源和规划局", "natural-resources"),
        Officer("off-gov", "县区人民政府", "county-government"),
        Officer("off-finance", "财政局", "finance"),
        Officer("off-prov-gov", "省人民政府", "province-government"),
        Officer("off-state-council", "国务院（省厅代录）", "state-council"),
        Officer("off-registry", "不动产登记中心", "registry"),

        // The homestead and rectification procedures (templates HOMESTEAD, RECTIFICATION): the village collective that
        // applies (its USCC is the agriculture authority's, N2: a village-level collective economic organisation) and the
        // officers of their departments.
        Enterprise("col-lianhua", "吴兴区莲花村股份经济合作社", "N2330502MF0LHC010N"),
        Officer("off-village", "莲花村村务工作人员", "village-collective"),
        Officer("off-agri", "农业农村局", "agriculture-rural"),
        Officer("off-township", "乡镇人民政府", "township-government"),
        Officer("off-enforcement", "自然资源执法监察大队", "land-enforcement"),

        Officer("off-nr-changxing", "长兴县自然资源和规划局", "natural-resources", "330522"),
        Officer("off-gov-anji", "安吉县人民政府", "county-government", "330523"),

        new("liaison-wang", Roles.Liaison, "王建国", null, null, "330502"),
        new("liaison-chen", Roles.Liaison, "陈晓燕", null, null, null),

        new("leader-li", Roles.Leader, "李局长", null, null, null),
        new("admin", Roles.Admin, "系统管理员", null, null, null),
    ];

    private static DemoUser Enterprise(string id, string name, string uscc) =>
        new(id, Roles.Enterprise, name, uscc, null, null);

    private static DemoUser Officer(string id, string name, string department, string? county = null) =>
        new(id, Roles.Officer, name, null, department, county);
}
