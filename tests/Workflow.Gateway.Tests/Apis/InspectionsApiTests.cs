using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Workflow.Gateway.Tests;

/// <summary>/api/inspections: a leader opens an inspection of a unit, its officer rectifies a finding; everything else is
/// refused with a problem naming its rule, and changes nothing.</summary>
public sealed class InspectionsApiTests
{
    private const string Anji = "330523";

    [Fact]
    public async Task Inspections_OpenedByLeaderRectifiedByTheUnitsOfficer_ReadAndListedOnlyByThoseWhoMay()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        var api = new LandFlowApi(gateway);
        var (leader, officer, stranger) = (await api.As("leader-li"), await api.As("off-gov-anji"), await api.As("off-drc"));
        var id = NewId();

        using var opened = await leader.PostAsJsonAsync("/api/inspections", Draft(id));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal($"/api/inspections/{id}", opened.Headers.Location?.OriginalString);
        var inspection = JsonNode.Parse(await opened.Content.ReadAsStringAsync())!;
        Assert.Equal("leader-li", inspection["openedBy"]!.GetValue<string>());
        Assert.Equal(["f1", "f2"], inspection["findings"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()));
        Assert.All(inspection["findings"]!.AsArray(), f => Assert.Equal("green", f!["light"]!.GetValue<string>()));

        // Repeating the same id and terms answers the same inspection; other terms under it are refused.
        using (var again = await leader.PostAsJsonAsync("/api/inspections", Draft(id)))
        {
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
            Assert.Equal(inspection["openedAt"]!.ToJsonString(), JsonNode.Parse(await again.Content.ReadAsStringAsync())!["openedAt"]!.ToJsonString());
        }

        var other = Draft(id) with { Title = "另一次检查" };
        await AssertRuleAsync(await leader.PostAsJsonAsync("/api/inspections", other), HttpStatusCode.Conflict, Rules.InspectionExists);

        Assert.Contains(id, await ListedIdsAsync(leader));
        Assert.Contains(id, await ListedIdsAsync(officer));
        Assert.DoesNotContain(id, await ListedIdsAsync(stranger));
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/inspections/{id}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await stranger.GetAsync($"/api/inspections/{id}"), HttpStatusCode.NotFound);

        var rectify = $"/api/inspections/{id}/findings/f1/rectify";
        // One who may not see it hears nothing of it; a leader sees it but is not the unit.
        await ProblemAssert.IsProblemAsync(await stranger.PostAsJsonAsync(rectify, new { reason = "已整改" }), HttpStatusCode.NotFound);
        await AssertRuleAsync(await leader.PostAsJsonAsync(rectify, new { reason = "已整改" }), HttpStatusCode.Forbidden, Rules.WrongDepartment);
        await AssertRuleAsync(await officer.PostAsJsonAsync(rectify, new { reason = " " }), HttpStatusCode.BadRequest, Rules.ReasonRequired);
        await AssertRuleAsync(await officer.PostAsJsonAsync($"/api/inspections/{id}/findings/f9/rectify", new { reason = "已整改" }), HttpStatusCode.BadRequest, Rules.UnknownFinding);
        using (var rectified = await officer.PostAsJsonAsync(rectify, new { reason = "材料已补齐归档" }))
        {
            Assert.Equal(HttpStatusCode.OK, rectified.StatusCode);
            var f1 = JsonNode.Parse(await rectified.Content.ReadAsStringAsync())!["findings"]![0]!;
            Assert.Equal("off-gov-anji", f1["rectifiedBy"]!.GetValue<string>());
            Assert.Equal("材料已补齐归档", f1["reason"]!.GetValue<string>());
        }

        await AssertRuleAsync(await officer.PostAsJsonAsync(rectify, new { reason = "再次整改" }), HttpStatusCode.Conflict, Rules.FindingRectified);

        // Only the one rectification holds, and the second finding is untouched.
        var read = JsonNode.Parse(await leader.GetStringAsync($"/api/inspections/{id}"))!["findings"]!.AsArray();
        Assert.Equal("材料已补齐归档", read[0]!["reason"]!.GetValue<string>());
        Assert.Null(read[1]!["rectifiedAt"]?.GetValue<DateTimeOffset>());
        // Working days left are counted for the open finding only.
        Assert.Null(read[0]!["workingDaysLeft"]?.GetValue<int>());
        Assert.InRange(read[1]!["workingDaysLeft"]!.GetValue<int>(), 1, 10);
    }

    [Fact]
    public async Task OpenInspection_ByAnOfficerOrMalformed_RefusedWithItsRuleAndNothingOpened()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        var api = new LandFlowApi(gateway);
        var (leader, officer) = (await api.As("leader-li"), await api.As("off-gov-anji"));
        var id = NewId();

        await AssertRuleAsync(await officer.PostAsJsonAsync("/api/inspections", Draft(id)), HttpStatusCode.Forbidden, Rules.RoleForbidden);
        await AssertRuleAsync(await leader.PostAsJsonAsync("/api/inspections", Draft(id) with { Findings = [] }), HttpStatusCode.BadRequest, Rules.InvalidInspection);
        await AssertRuleAsync(await leader.PostAsJsonAsync("/api/inspections", Draft(id) with { Findings = [new("归档不全", 0)] }), HttpStatusCode.BadRequest, Rules.InvalidInspection);
        await AssertRuleAsync(await leader.PostAsJsonAsync("/api/inspections", Draft("bad/id")), HttpStatusCode.BadRequest, Rules.InvalidInspection);

        Assert.DoesNotContain(id, await ListedIdsAsync(leader));
        await ProblemAssert.IsProblemAsync(await leader.GetAsync($"/api/inspections/{id}"), HttpStatusCode.NotFound);

        // Without an id, the gateway names one.
        using var unnamed = await leader.PostAsJsonAsync("/api/inspections", Draft(null));
        Assert.Equal(HttpStatusCode.Created, unnamed.StatusCode);
        var made = JsonNode.Parse(await unnamed.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        Assert.StartsWith("insp-", made, StringComparison.Ordinal);
        Assert.Contains(made, await ListedIdsAsync(leader));
    }

    [Fact]
    public async Task Inspections_WithoutToken_Return401()
    {
        await using var gateway = await GatewayFixture.StartAsync();

        using var response = await gateway.AnonymousClient.GetAsync("/api/inspections");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string NewId() => "it-" + Guid.NewGuid().ToString("N")[..10];

    private static InspectionsApi.OpenInspectionRequest Draft(string? id) => new(
        id, "二季度执行力检查", Anji, "county-government",
        [new("用地报批材料归档不全", 3), new("批后监管台账缺失", 10)]);

    private static async Task<List<string>> ListedIdsAsync(HttpClient client) =>
        [.. JsonNode.Parse(await client.GetStringAsync("/api/inspections"))!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>())];

    private static async Task AssertRuleAsync(HttpResponseMessage response, HttpStatusCode status, string rule)
    {
        using (response)
        {
            var problem = await ProblemAssert.IsProblemAsync(response, status);
            Assert.Equal(rule, problem.GetProperty("rule").GetString());
        }
    }
}
