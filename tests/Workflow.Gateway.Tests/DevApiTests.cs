using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Workflow.Gateway.Tests;

public sealed class DevApiTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static readonly string[] DepartmentsTheTemplatesName =
    [
        "development-reform", "province-natural-resources", "natural-resources", "county-government",
        "finance", "province-government", "state-council", "registry",
    ];

    [Fact]
    public async Task DevUsers_List_CoversEveryRole()
    {
        var users = await ListUsersAsync();

        var roles = users.Select(user => user.GetProperty("role").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "enterprise", "liaison", "officer", "leader", "admin" }, roles);
    }

    [Fact]
    public async Task DevUsers_List_HasAnOfficerInEveryCountyForEachDepartment()
    {
        var users = await ListUsersAsync();

        foreach (var department in DepartmentsTheTemplatesName)
        {
            Assert.Contains(users, user =>
                user.GetProperty("role").GetString() == "officer"
                && user.GetProperty("claims").GetProperty("department").GetString() == department
                && !user.GetProperty("claims").TryGetProperty("county", out _));
        }
    }

    [Fact]
    public async Task DevUsers_List_EnterprisesCarryTheirUscc()
    {
        var users = await ListUsersAsync();

        var enterprises = users.Where(user => user.GetProperty("role").GetString() == "enterprise").ToList();
        Assert.Equal(6, enterprises.Count); // five companies and the village collective of the homestead procedure
        Assert.All(enterprises, user => Assert.Equal(18, user.GetProperty("claims").GetProperty("uscc").GetString()!.Length));
    }

    [Fact]
    public async Task DevToken_UnknownUser_Returns404Problem()
    {
        using var response = await gateway.AnonymousClient.PostAsJsonAsync("/api/dev/token", new { user = "nobody" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("nobody", ProblemAssert.Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevToken_MissingUserField_Returns400ProblemNamingTheField()
    {
        using var response = await gateway.AnonymousClient.PostAsJsonAsync("/api/dev/token", new { });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("user", out _));
    }

    [Fact]
    public async Task DevToken_MalformedJson_Returns400ProblemSayingWhere()
    {
        using var content = new StringContent("{\"user\": \"admin\",,}", Encoding.UTF8, "application/json");

        using var response = await gateway.AnonymousClient.PostAsync("/api/dev/token", content);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("JSON", ProblemAssert.Detail(problem), StringComparison.Ordinal);
        Assert.Contains("LineNumber: 0 | BytePositionInLine: 17", ProblemAssert.Detail(problem), StringComparison.Ordinal);
        Assert.Equal(17, problem.GetProperty("bytePositionInLine").GetInt64());
    }

    [Fact]
    public async Task DevToken_WrongJsonType_Returns400ProblemWithPath()
    {
        using var content = new StringContent("{\"user\": 42}", Encoding.UTF8, "application/json");

        using var response = await gateway.AnonymousClient.PostAsync("/api/dev/token", content);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("$.user", problem.GetProperty("path").GetString());
    }

    [Fact]
    public async Task DevToken_NoBody_Returns400Problem()
    {
        using var content = new StringContent("", Encoding.UTF8, "application/json");

        using var response = await gateway.AnonymousClient.PostAsync("/api/dev/token", content);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("needs a JSON body", ProblemAssert.Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevToken_NotJsonContentType_Returns415Problem()
    {
        using var content = new StringContent("user=admin", Encoding.UTF8, "text/plain");

        using var response = await gateway.AnonymousClient.PostAsync("/api/dev/token", content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    private async Task<List<JsonElement>> ListUsersAsync()
    {
        using var response = await gateway.AnonymousClient.GetAsync("/api/dev/users");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var users = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. users.EnumerateArray()];
    }
}
