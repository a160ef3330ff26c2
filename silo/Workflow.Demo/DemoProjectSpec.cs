using Workflow.Domain;

namespace Workflow.Demo;

/// <summary>What one demo project is, before any date is chosen: the facts its owner registers.</summary>
/// <param name="AppliedOn">Set only for records applied before 2020 (LEGACY_2004); others apply on the day they register.</param>
internal sealed record DemoProjectSpec(
    int Index,
    string Name,
    string Owner,
    string County,
    string Type,
    string Track,
    string SupplyMode,
    decimal AreaMu,
    decimal CultivatedMu,
    decimal PaddyMu,
    int Grade,
    bool PermanentBasicFarmland,
    int Households,
    string? Liaison,
    bool Major,
    DateOnly? AppliedOn)
{
    public bool IsLegacy => AppliedOn is not null;

    public ProjectRegistration ToRegistration(string ownerUscc, DateOnly registeredOn) => new(
        Name, ownerUscc, County, Type, Track, AreaMu, CultivatedMu, PaddyMu, Grade, PermanentBasicFarmland, Households, SupplyMode,
        Liaison, Major, AppliedOn, (AppliedOn ?? registeredOn).AddMonths(Major ? 18 : 10));
}

/// <summary>Draws the projects of every shape, spread over the counties as DOMAIN.md §8 describes.</summary>
internal static class DemoProjectSpecs
{
    public const int LegacyCount = 7;

    private static readonly string[] LegacyTypes = ["standard-land", "school", "industrial-park", "sports-centre"];

    public static IReadOnlyList<DemoProjectSpec> Create(Random random)
    {
        var names = new DemoProjectNames();
        var specs = new List<DemoProjectSpec>();
        foreach (var shape in DemoShapes.All)
        {
            for (var i = 0; i < shape.Count; i++)
            {
                // The first few of the commonest shape go round the counties, so every county has projects.
                var county = shape.Type == "standard-land" && i < DemoCounties.All.Count
                    ? DemoCounties.All[i]
                    : DemoCounties.Get(PickWeighted(shape.Counties, random));
                specs.Add(Draw(specs.Count, shape, county, names, random));
            }
        }

        // A handful of records applied before 2020 still run on the two-announcement procedure.
        var legacy = specs.Where(s => LegacyTypes.Contains(s.Type)).OrderBy(_ => random.Next()).Take(LegacyCount).Select(s => s.Index).ToHashSet();
        return [.. specs.Select(s => legacy.Contains(s.Index)
            ? s with { AppliedOn = new DateOnly(2018, 3, 1).AddDays(random.Next(600)) }
            : s)];
    }

    private static DemoProjectSpec Draw(int index, DemoShape shape, DemoCounty county, DemoProjectNames names, Random random)
    {
        var km = shape.PerKm ? DemoShapes.LineKm.Pick(random) : 1m;
        var area = Math.Round(shape.Area.Pick(random) * km, 1);
        var cultivated = Math.Round(area * shape.CultivatedShare.Pick(random), 1);
        var paddyShare = Math.Min(0.9m, shape.PaddyShare.Pick(random) * county.PaddyFactor);
        var paddy = Math.Round(cultivated * paddyShare, 1);
        var grade = county.BestGrade + random.Next(county.WorstGrade - county.BestGrade + 1);
        var households = (int)Math.Round(shape.Households.Pick(random) * km);
        var permanentBasicFarmland = random.NextDouble() < shape.PermanentBasicFarmlandChance;
        var owner = shape.PerKm ? DemoCounties.CityOwner : county.Owner;
        var liaison = random.NextDouble() < 0.7
            ? (county.Code == DemoCounties.Wuxing && random.Next(2) == 0 ? "liaison-wang" : "liaison-chen")
            : null;
        var major = shape.Major || random.NextDouble() < 0.1;
        var name = names.Next(shape.Type, county, random);
        return new DemoProjectSpec(
            index, name, owner, county.Code, shape.Type, shape.Track, shape.SupplyMode, area, cultivated, paddy, grade,
            permanentBasicFarmland, households, liaison, major, null);
    }

    private static string PickWeighted(IReadOnlyList<(string County, int Weight)> weights, Random random)
    {
        var roll = random.Next(weights.Sum(w => w.Weight));
        foreach (var (county, weight) in weights)
        {
            if (roll < weight)
            {
                return county;
            }

            roll -= weight;
        }

        return weights[^1].County;
    }
}
