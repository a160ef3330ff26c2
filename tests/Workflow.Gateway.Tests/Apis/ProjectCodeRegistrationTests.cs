using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Workflow.Domain;

namespace Workflow.Gateway.Tests;

/// <summary>Project codes as issued (GB/T 40058-2021): the code's region may be another county, the city or the province,
/// its check character is not ours to enforce, and codes issued before the national format come with migrated projects.</summary>
public sealed class ProjectCodeRegistrationTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly LandFlowApi api = new(gateway);

    [Theory]
    [InlineData("330500")] // Huzhou city: a line across counties coded once
    [InlineData("330000")] // Zhejiang province
    [InlineData("330523")] // another county
    public async Task Register_AdminWithCodeOfAnotherRegion_RegistersTheProjectInItsCounty(string region)
    {
        var code = ProjectCode.Create(new DateOnly(2026, 3, 1), region, "01", Random.Shared.Next(1, 99_999)).Value;

        var registered = await api.RegisterAsync(LandFlowApi.Registration(county: "330502", code: code), user: "admin");

        Assert.Equal(code, registered);
        var status = await api.StatusAsync(code);
        Assert.Equal("330502", status["county"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_AdminWithIssuedCodeWhoseCheckIsNotOurs_Registers()
    {
        var ours = ProjectCode.Create(new DateOnly(2026, 4, 1), "330500", "01", Random.Shared.Next(1, 99_999)).Value;
        var issued = ours[..^1] + (ours[^1] == '0' ? '1' : '0');

        var registered = await api.RegisterAsync(LandFlowApi.Registration(code: issued), user: "admin");

        Assert.Equal(issued, registered);
    }

    [Fact]
    public async Task Register_AdminMigratingPre2020ProjectWithItsOldCode_RegistersOnLegacyTemplate()
    {
        var code = "2019-330502-48-01-" + Random.Shared.Next(0, 999_999).ToString("D6", CultureInfo.InvariantCulture);
        var body = LandFlowApi.Registration(code: code);
        body["appliedOn"] = "2019-05-06";

        var registered = await api.RegisterAsync(body, user: "admin");

        Assert.Equal(code, registered);
        var status = await api.StatusAsync(code);
        Assert.Equal("LEGACY_2004", status["template"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_MigratedCodeForARecentApplication_Returns400InvalidCode()
    {
        var code = "2019-330502-48-01-" + Random.Shared.Next(0, 999_999).ToString("D6", CultureInfo.InvariantCulture);
        var body = LandFlowApi.Registration(code: code);
        body["appliedOn"] = "2022-05-06";

        using var response = await (await api.As("admin")).PostAsJsonAsync("/api/projects", body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid-project-code", problem.GetProperty("rule").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await api.As("admin")).GetAsync($"/api/projects/{code}")).StatusCode);
    }

    [Fact]
    public async Task Register_CodeOfARegionOutsideZhejiang_Returns400InvalidCode()
    {
        var code = ProjectCode.Create(new DateOnly(2026, 3, 1), "320500", "01", Random.Shared.Next(1, 99_999)).Value;

        using var response = await (await api.As("admin")).PostAsJsonAsync("/api/projects", LandFlowApi.Registration(code: code));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid-project-code", problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Status_LargeProject_ShowsStateCouncilInLawAndZhejiangInPractice()
    {
        var body = LandFlowApi.Registration(cultivated: 600m, paddy: 100m);
        body["areaMu"] = 1200m;

        var code = await api.RegisterAsync(body);

        var status = await api.StatusAsync(code);
        Assert.Equal("state-council", status["approvalLevel"]!.GetValue<string>());
        Assert.Equal("state-council", status["approvalAuthority"]!["inLaw"]!.GetValue<string>());
        Assert.Equal("province-government", status["approvalAuthority"]!["inPractice"]!.GetValue<string>());
        Assert.Contains("国发〔2020〕4号", status["approvalAuthority"]!["source"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
