using Workflow.Domain;

namespace Workflow.Demo;

/// <summary>
/// The certified lots each county deposits before the first demo project registers, sized from
/// what the projects will reserve so most reservations succeed. Lots carry the county's grades and
/// paddy share; 安吉's hills certify little paddy, so its projects borrow paddy from 南浔's surplus.
/// </summary>
internal static class DemoQuotaLots
{
    private static readonly string[] Kinds = ["土地综合整治项目", "农村建设用地复垦项目", "旱地改水田项目", "高标准农田建设补充耕地项目", "耕地开垦项目"];

    public static void Deposit(DemoQuotaPools pools, IReadOnlyDictionary<string, QuotaAmount> demand, DateOnly today, WorkingCalendar calendar, Random random)
    {
        var anjiPaddyShort = demand[DemoCounties.Anji].PaddyMu * 0.35m;
        var deposits = new List<(DateTimeOffset At, string County, QuotaLot Lot)>();
        foreach (var county in DemoCounties.All)
        {
            var needed = demand[county.Code];
            var paddy = county.Code switch
            {
                DemoCounties.Anji => needed.PaddyMu - anjiPaddyShort,
                DemoCounties.Nanxun => (needed.PaddyMu * 1.3m) + (anjiPaddyShort * 1.5m) + 50m,
                _ => (needed.PaddyMu * 1.3m) + 50m,
            };
            var area = Math.Max((needed.AreaMu * 1.3m) + 300m, paddy / 0.9m);
            var weights = Enumerable.Range(0, 5 + random.Next(3)).Select(_ => 0.6m + (0.8m * (decimal)random.NextDouble())).ToList();
            var lots = new List<QuotaLot>();
            foreach (var weight in weights)
            {
                var share = weight / weights.Sum();
                var lotArea = RoundUp(area * share);
                var grade = county.LotBestGrade + random.Next(county.LotWorstGrade - county.LotBestGrade + 1);
                lots.Add(Lot(county, lots.Count + 1, lotArea, Math.Min(lotArea, RoundUp(paddy * share)), grade, today, random));
            }

            // The grain capacity must cover too; a lot of the county's best land makes up any gap.
            var capacity = lots.Sum(l => YieldTable.Default.CapacityKg(l.AreaMu, l.Grade));
            var capacityShort = (needed.CapacityKg * 1.3m) - capacity;
            if (capacityShort > 0)
            {
                var extraArea = RoundUp(capacityShort / YieldTable.Default.KgPerMu(county.LotBestGrade));
                lots.Add(Lot(county, lots.Count + 1, extraArea, 0m, county.LotBestGrade, today, random));
            }

            foreach (var lot in lots)
            {
                var depositDay = lot.CertifiedOn.AddDays(20 + random.Next(40));
                while (!calendar.IsWorkingDay(depositDay))
                {
                    depositDay = depositDay.AddDays(1);
                }

                deposits.Add((WorkingCalendar.StartOfDay(depositDay).AddMinutes((10 * 60) + random.Next(300)).ToUniversalTime(), county.Code, lot));
            }
        }

        foreach (var (at, county, lot) in deposits.OrderBy(d => d.At).ThenBy(d => d.Lot.LotId, StringComparer.Ordinal))
        {
            pools.Deposit(county, lot, at);
        }
    }

    private static QuotaLot Lot(DemoCounty county, int number, decimal area, decimal paddy, int grade, DateOnly today, Random random)
    {
        // Certified 18–32 months ago, so every lot is in the pool before the first project registers.
        var certified = today.AddMonths(-32).AddDays(random.Next(420));
        var town = county.Towns[random.Next(county.Towns.Count)];
        return QuotaLot.Certified(
            $"{county.Code}-{certified.Year}-{number:D3}",
            $"{county.NameZh}{town}{Kinds[random.Next(Kinds.Length)]}",
            area,
            paddy,
            grade,
            certified);
    }

    private static decimal RoundUp(decimal mu) => Math.Ceiling(mu * 10m) / 10m;
}
