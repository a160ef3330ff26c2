using System.Globalization;
using System.Text.Json.Nodes;
using Workflow.Domain;

namespace Workflow.Cluster.Tests;

/// <summary>The lots the test deposits in every county before the load: what each ledger must still account for.</summary>
internal static class QuotaStock
{
    /// <summary>One lot covers six projects of <see cref="ProjectPlan"/> (area, paddy and capacity alike).</summary>
    public const decimal LotAreaMu = 60m;
    public const decimal LotPaddyMu = 24m;

    public static async Task DepositAsync(GatewayApi api, int lotsPerCounty)
    {
        foreach (var county in Counties.Huzhou)
        {
            for (var lot = 1; lot <= lotsPerCounty; lot++)
            {
                var body = new JsonObject
                {
                    ["lotId"] = string.Create(CultureInfo.InvariantCulture, $"FT-{county.Code}-{lot}"),
                    ["source"] = "高标准农田建设项目（故障演练）",
                    ["areaMu"] = LotAreaMu,
                    ["paddyMu"] = LotPaddyMu,
                    ["grade"] = 7,
                    ["certifiedOn"] = "2025-06-30",
                };
                var answer = await api.PostAsync("admin", $"/api/quota/{county.Code}/lots", body);
                if (!answer.Succeeded)
                {
                    throw new InvalidOperationException($"Depositing a lot failed: {answer}");
                }
            }
        }
    }
}
