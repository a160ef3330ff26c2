using System.Net;
using System.Net.Http.Json;

namespace Workflow.Gateway.Tests;

/// <summary>Only an administrator sets <c>code</c>, <c>appliedOn</c> or <c>liaison</c> at registration (issue 9, point 6).</summary>
public sealed class RegistrationFieldTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly LandFlowApi api = new(gateway);

    [Theory]
    [InlineData("code", "2603-330502-20-01-000013")]
    [InlineData("appliedOn", "2018-04-02")]
    [InlineData("liaison", "liaison-chen")]
    public async Task Register_EnterpriseSettingAnAdminOnlyField_Returns403NamingIt(string field, string value)
    {
        var body = LandFlowApi.Registration();
        body[field] = value;

        using var response = await (await api.As("ent-rail")).PostAsJsonAsync("/api/projects", body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("registration-field-forbidden", problem.GetProperty("rule").GetString());
        Assert.Contains($"'{field}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_EnterpriseWithACode_RegistersNothingUnderIt()
    {
        var code = "2603-330502-20-01-000021";

        using var response = await (await api.As("ent-rail")).PostAsJsonAsync("/api/projects", LandFlowApi.Registration(code: code));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.NotEqual(HttpStatusCode.OK, (await (await api.As("admin")).GetAsync($"/api/projects/{code}")).StatusCode);
    }

    [Theory]
    [InlineData("1998-12-31")]
    [InlineData("1066-10-14")]
    public async Task Register_AdminWithAppliedOnBeforeTheLaw_Returns400Rule(string appliedOn)
    {
        var body = LandFlowApi.Registration();
        body["appliedOn"] = appliedOn;

        using var response = await (await api.As("admin")).PostAsJsonAsync("/api/projects", body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("applied-on-out-of-range", problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Register_AdminMigrating2018Project_GetsLegacy2004()
    {
        var body = LandFlowApi.Registration();
        body["appliedOn"] = "2018-04-02";
        body["liaison"] = "liaison-chen";

        var code = await api.RegisterAsync(body, user: "admin");

        var status = await api.StatusAsync(code);
        Assert.Equal("LEGACY_2004", status["template"]!["id"]!.GetValue<string>());
        Assert.Equal("liaison-chen", status["liaison"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_AdminNamingAnUnknownLiaison_Returns400UnknownLiaison()
    {
        var body = LandFlowApi.Registration();
        body["liaison"] = "off-finance";

        using var response = await (await api.As("admin")).PostAsJsonAsync("/api/projects", body);

        Assert.Equal("unknown-liaison", (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Register_Enterprise_GetsACodeOfItsCounty()
    {
        var code = await api.RegisterAsync(LandFlowApi.Registration(county: "330521"));

        Assert.Equal("330521", code.Substring(5, 6));
        Assert.Equal("active", (await api.StatusAsync(code))["state"]!.GetValue<string>());
    }
}
