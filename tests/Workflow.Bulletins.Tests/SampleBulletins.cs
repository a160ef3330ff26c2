using Workflow.Contracts;

namespace Workflow.Bulletins.Tests;

/// <summary>A bulletin as the bulletin grain would compute it: five counties (two under the 85% line, one with a name
/// that is markup), three departments, three red items.</summary>
internal static class SampleBulletins
{
    public const string HostileName = "<script>alert('x')</script>&县";

    public static Bulletin Week49() => new(
        Week: "2026-W49",
        From: new DateOnly(2026, 11, 30),
        To: new DateOnly(2026, 12, 6),
        Line: 0.85,
        Counties:
        [
            new BulletinRow(1, "330502", "吴兴区", 20, 20, 1.0, false, 0, 0.05, 2),
            new BulletinRow(2, "330521", "德清县", 25, 23, 0.92, false, 1, -0.03, 1),
            new BulletinRow(3, "330522", "长兴县", 10, 9, 0.9, false, 0, null, null),
            new BulletinRow(4, "330523", "安吉县", 16, 12, 0.75, true, 2, -0.1, 3),
            new BulletinRow(5, "330503", HostileName, 8, 4, 0.5, true, 3, 0.0, 5),
        ],
        Departments:
        [
            new BulletinRow(1, "finance", "财政局", 12, 12, 1.0, false, 0, null, null),
            new BulletinRow(2, "natural-resources", "自然资源和规划局", 50, 45, 0.9, false, 2, 0.02, 2),
            new BulletinRow(3, "county-government", "县（区）人民政府", 17, 11, 11.0 / 17, true, 4, -0.05, 1),
        ],
        RedItems:
        [
            new BulletinRedItem("330523202600012", "安吉县某园区道路", "330523", "survey", "natural-resources", "liaison-wang", 3),
            new BulletinRedItem("330503202600007", "南浔某厂房", "330503", "agreements", "county-government", null, 12),
            new BulletinRedItem("330503202600009", "南浔某安置房", "330503", "funds", "finance", "liaison-zhao", 1),
        ],
        Completed: 79,
        CompletedOnTime: 68,
        OnTimeRate: 68.0 / 79,
        PreviousOnTimeRate: 0.88,
        AsOf: new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero));
}
