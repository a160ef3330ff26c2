using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Workflow.Gateway.Tests;

/// <summary>Quota over HTTP. Pools are per county, so each test runs a gateway of its own.</summary>
public sealed class QuotaApiTests
{
    [Fact]
    public async Task Reserve_ShortOfPaddy_Returns409AndLeavesTheLedgerAsItWas()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        var api = new LandFlowApi(gateway);
        await api.DepositAsync("330502", "DRY-LOT", 1_000m, 5m);
        var code = await api.RegisterAsync();
        await api.ToFarmlandBalanceAsync(code);
        var ledgerBefore = (await api.QuotaAsync("330502")).ToJsonString();
        var before = await api.SnapshotAsync(code);

        using var response = await api.ActAsync(code, "farmland_balance", "reserve");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("quota-paddy-short", problem.GetProperty("rule").GetString());
        Assert.Equal(ledgerBefore, (await api.QuotaAsync("330502")).ToJsonString());
        Assert.Equal(before, await api.SnapshotAsync(code));
    }

    [Fact]
    public async Task RejectedFiling_Reserved_ReleasesTheReservation()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        var api = new LandFlowApi(gateway);
        await api.DepositAsync("330502", "LOT-1", 300m, 100m);
        var code = await api.RegisterAsync();
        await api.ReadyForFilingAsync(code);
        Assert.Equal(100m, (await api.QuotaAsync("330502"))["reserved"]!["areaMu"]!.GetValue<decimal>());
        await api.DoAsync(code, "filing", "start");

        var rejected = await api.DoAsync(code, "filing", "reject", new JsonObject { ["reason"] = "不符合国土空间规划" });

        var ledger = await api.QuotaAsync("330502");
        Assert.Equal("rejected", rejected["state"]!.GetValue<string>());
        Assert.Equal("released", rejected["balance"]!["state"]!.GetValue<string>());
        Assert.Equal(0m, ledger["reserved"]!["areaMu"]!.GetValue<decimal>());
        Assert.Equal(300m, ledger["available"]!["areaMu"]!.GetValue<decimal>());
        Assert.All(ledger["lots"]!.AsArray(), l => Assert.Equal("available", l!["state"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Reserve_FiftyConcurrentOfTenMuFromTwoHundred_ExactlyTwentySucceed()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        var api = new LandFlowApi(gateway);
        await api.DepositAsync("330503", "POOL-200", 200m, 200m);
        var codes = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var registration = LandFlowApi.Registration(county: "330503", uscc: "91330503MA2NXH0502", cultivated: 10m, paddy: 0m);
            var code = await api.RegisterAsync(registration, user: "ent-nanxun");
            await api.ToFarmlandBalanceAsync(code, owner: "ent-nanxun");
            codes.Add(code);
        }

        var officer = await api.As("off-nr");
        var responses = await Task.WhenAll(codes.Select(c => officer.PostAsync($"/api/projects/{c}/steps/farmland_balance/reserve", null)));

        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(30, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var ledger = await api.QuotaAsync("330503");
        foreach (var indicator in new[] { "areaMu", "paddyMu", "capacityKg" })
        {
            var sum = ledger["available"]![indicator]!.GetValue<decimal>() + ledger["reserved"]![indicator]!.GetValue<decimal>() + ledger["consumed"]![indicator]!.GetValue<decimal>();
            Assert.Equal(ledger["deposited"]![indicator]!.GetValue<decimal>(), sum);
        }

        Assert.Equal(200m, ledger["reserved"]!["areaMu"]!.GetValue<decimal>());
        var reserved = 0;
        foreach (var code in codes)
        {
            reserved += (await api.StatusAsync(code))["balance"]!["state"]!.GetValue<string>() == "reserved" ? 1 : 0;
        }

        Assert.Equal(20, reserved);
    }

    [Fact]
    public async Task DepositAndTransfer_Repeated_AreIdempotent()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        var api = new LandFlowApi(gateway);
        var admin = await api.As("admin");
        var lot = new { lotId = "L-1", source = "土地整治", areaMu = 100, paddyMu = 30, grade = 6, certifiedOn = "2025-03-01" };

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/quota/330521/lots", lot)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/quota/330521/lots", lot)).StatusCode);
        var transfer = new { transferId = "TR-1", from = "330521", to = "330522", areaMu = 40, paddyMu = 10, price = 1_200_000, approvedBy = "leader-li" };
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/quota/transfers", transfer)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/quota/transfers", transfer)).StatusCode);

        Assert.Equal(60m, (await api.QuotaAsync("330521"))["available"]!["areaMu"]!.GetValue<decimal>());
        Assert.Equal(40m, (await api.QuotaAsync("330522"))["available"]!["areaMu"]!.GetValue<decimal>());
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/quota/transfers", transfer with { areaMu = 5 }), HttpStatusCode.Conflict);
    }
}
