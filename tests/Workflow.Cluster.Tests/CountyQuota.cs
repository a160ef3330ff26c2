using System.Globalization;
using System.Text.Json.Nodes;

namespace Workflow.Cluster.Tests;

/// <summary>Area (mu), paddy (mu) and grain capacity (kg): the three indicators of farmland quota.</summary>
internal readonly record struct Quota(decimal AreaMu, decimal PaddyMu, decimal CapacityKg)
{
    public static Quota Zero => default;

    public static Quota Of(JsonNode? node) => node is null
        ? Zero
        : new(node["areaMu"]!.GetValue<decimal>(), node["paddyMu"]!.GetValue<decimal>(), node["capacityKg"]!.GetValue<decimal>());

    public static Quota operator +(Quota a, Quota b) => new(a.AreaMu + b.AreaMu, a.PaddyMu + b.PaddyMu, a.CapacityKg + b.CapacityKg);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{AreaMu:0.##} mu / {PaddyMu:0.##} mu paddy / {CapacityKg:#,0} kg");
}

/// <summary>One county's ledger after the load, beside what the test deposited and what the projects hold.</summary>
internal sealed record CountyQuota(string County, Quota Deposited, Quota LedgerDeposited, Quota Available, Quota Reserved, Quota Consumed, Quota ReservedByProjects)
{
    /// <summary>available + reserved + consumed = deposited, for all three indicators, and the ledger's deposits are
    /// the test's.</summary>
    public bool Conserved => Available + Reserved + Consumed == LedgerDeposited
        && LedgerDeposited.AreaMu == Deposited.AreaMu && LedgerDeposited.PaddyMu == Deposited.PaddyMu;

    /// <summary>The ledger holds exactly the reservations the projects say they hold: none counted twice, none lost.</summary>
    public bool ReservationsMatch => Reserved == ReservedByProjects;
}
