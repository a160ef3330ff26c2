using Workflow.Domain;

namespace Workflow.Demo;

/// <summary>How projects of one type look (DOMAIN.md §8): how many, where, how big, how much
/// farmland and how many households they touch.</summary>
/// <param name="PerKm">Area and households are per km of a 3–25 km line (rail, expressway, waterway).</param>
/// <param name="PaddyShare">Share of the cultivated land that is paddy, before the county's factor.</param>
internal sealed record DemoShape(
    string Type,
    int Count,
    string Track,
    string SupplyMode,
    bool PerKm,
    DemoRange Area,
    DemoRange CultivatedShare,
    DemoRange PaddyShare,
    DemoRange Households,
    double PermanentBasicFarmlandChance,
    bool Major,
    IReadOnlyList<(string County, int Weight)> Counties);

internal static class DemoShapes
{
    public static readonly DemoRange LineKm = new(3m, 25m);

    private static readonly (string, int)[] Everywhere =
        [(DemoCounties.Wuxing, 1), (DemoCounties.Nanxun, 1), (DemoCounties.Deqing, 1), (DemoCounties.Changxing, 1), (DemoCounties.Anji, 1)];

    public static IReadOnlyList<DemoShape> All { get; } =
    [
        new("rail", 12, Tracks.Standalone, SupplyModes.Allocation, true, new(40m, 70m), new(0.50m, 0.70m), new(0.35m, 0.55m), new(2m, 6m), 0.3, true, Everywhere),
        new("expressway", 8, Tracks.Standalone, SupplyModes.Allocation, true, new(90m, 120m), new(0.40m, 0.60m), new(0.27m, 0.33m), new(3m, 8m), 0.3, true, Everywhere),
        new("waterway", 10, Tracks.Standalone, SupplyModes.Allocation, true, new(20m, 40m), new(0.30m, 0.50m), new(0.22m, 0.28m), new(1m, 3m), 0.2, true,
            [(DemoCounties.Wuxing, 2), (DemoCounties.Nanxun, 3), (DemoCounties.Deqing, 2), (DemoCounties.Changxing, 2), (DemoCounties.Anji, 1)]),
        new("industrial-park", 12, Tracks.Batch, SupplyModes.Transfer, false, new(1500m, 3000m), new(0.50m, 0.65m), new(0.36m, 0.44m), new(150m, 400m), 0.2, true,
            [(DemoCounties.Wuxing, 3), (DemoCounties.Nanxun, 2), (DemoCounties.Deqing, 2), (DemoCounties.Changxing, 4), (DemoCounties.Anji, 1)]),
        new("standard-land", 58, Tracks.Batch, SupplyModes.Transfer, false, new(50m, 200m), new(0.55m, 0.65m), new(0.40m, 0.50m), new(0m, 20m), 0.0, false,
            [(DemoCounties.Wuxing, 3), (DemoCounties.Nanxun, 2), (DemoCounties.Deqing, 3), (DemoCounties.Changxing, 3), (DemoCounties.Anji, 2)]),
        new("sports-centre", 10, Tracks.Batch, SupplyModes.Allocation, false, new(200m, 500m), new(0.35m, 0.45m), new(0.25m, 0.35m), new(30m, 120m), 0.0, false, Everywhere),
        new("school", 35, Tracks.Batch, SupplyModes.Allocation, false, new(60m, 120m), new(0.45m, 0.55m), new(0.25m, 0.35m), new(5m, 40m), 0.0, false,
            [(DemoCounties.Wuxing, 3), (DemoCounties.Nanxun, 2), (DemoCounties.Deqing, 2), (DemoCounties.Changxing, 2), (DemoCounties.Anji, 2)]),
        new("utility", 32, Tracks.Batch, SupplyModes.Allocation, false, new(5m, 30m), new(0.25m, 0.35m), new(0.15m, 0.25m), new(0m, 5m), 0.0, false, Everywhere),
        new("tourism", 23, Tracks.Batch, SupplyModes.Transfer, false, new(100m, 400m), new(0.10m, 0.20m), new(0.03m, 0.07m), new(5m, 30m), 0.0, false,
            [(DemoCounties.Anji, 8), (DemoCounties.Deqing, 1), (DemoCounties.Changxing, 1)]),
    ];
}
