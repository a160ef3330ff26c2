using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Workflow.Hosting;

namespace Workflow.Gateway.Tests;

public sealed class AuthenticationTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    public static TheoryData<string> DemoUserIds => [.. DemoUsers.All.Select(user => user.Id)];

    [Fact]
    public async Task Projects_WithoutToken_Returns401ProblemWithBearerChallenge()
    {
        using var response = await gateway.AnonymousClient.GetAsync("/api/projects");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
    }

    [Fact]
    public async Task Me_GarbageToken_Returns401ProblemWithBearerChallenge()
    {
        var client = gateway.CreateClient("not-a-jwt");

        using var response = await client.GetAsync("/api/me");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("refused", ProblemAssert.Detail(problem), StringComparison.Ordinal);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
    }

    [Fact]
    public async Task Me_TokenSignedWithAnotherKey_Returns401Problem()
    {
        var handler = new JsonWebTokenHandler();
        var foreignKey = new SymmetricSecurityKey(new byte[32]);
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "landflow",
            Audience = "landflow-api",
            Claims = new Dictionary<string, object> { ["sub"] = "admin", ["role"] = "admin" },
            SigningCredentials = new(foreignKey, SecurityAlgorithms.HmacSha256),
        });

        using var response = await gateway.CreateClient(token).GetAsync("/api/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(DemoUserIds))]
    public async Task DevToken_EachDemoUser_AuthenticatesWithItsClaims(string userId)
    {
        var user = DemoUsers.All.Single(candidate => candidate.Id == userId);
        var client = await gateway.ClientForAsync(userId);

        using var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(user.Id, me.GetProperty("id").GetString());
        Assert.Equal(user.Role, me.GetProperty("role").GetString());
        var claims = me.GetProperty("claims");
        Assert.Equal(user.Id, claims.GetProperty("sub").GetString());
        Assert.Equal(user.Role, claims.GetProperty("role").GetString());
        Assert.Equal(user.Name, claims.GetProperty("name").GetString());
        AssertOptionalClaim(claims, "uscc", user.Uscc);
        AssertOptionalClaim(claims, "department", user.Department);
        AssertOptionalClaim(claims, "county", user.County);
    }

    [Fact]
    public async Task DevToken_Issued_CarriesExactClaimNamesAndLastsFifteenMinutes()
    {
        var token = new JsonWebToken(await gateway.TokenForAsync("off-nr-changxing"));

        Assert.Equal("landflow", token.Issuer);
        Assert.Contains("landflow-api", token.Audiences);
        Assert.Equal(TimeSpan.FromMinutes(15), token.ValidTo - token.IssuedAt);
        Assert.Equal(
            ["aud", "county", "department", "exp", "iat", "iss", "name", "nbf", "role", "sub"],
            token.Claims.Select(claim => claim.Type).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DevToken_ContainerTimeProviderFarAhead_TokenUsesRealClockAndStaysValid()
    {
        // Stands in for the movable dev clock: whatever TimeProvider the container holds, tokens follow the real one.
        // The gateway is an Orleans client of a separate silo: a silo of its own would run on that clock too,
        // and a silo whose clock is years past its own generation is declared dead (and ends the process).
        var future = new FakeTimeProvider(new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var silo = await TestSilo.StartAsync();
        var settings = silo.ClusterSettings(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        settings[LandFlowSettings.DevEndpoints] = "true";
        await using var moved = await GatewayFixture.StartAsync(settings, services => services.AddSingleton<TimeProvider>(future));

        var token = await moved.TokenForAsync("leader-li");
        using var response = await moved.CreateClient(token).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var issuedAt = new JsonWebToken(token).IssuedAt;
        Assert.InRange(issuedAt, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task Me_WithoutToken_Returns401Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        using var response = await gateway.AnonymousClient.SendAsync(request);

        // Even a browser-like Accept gets the problem body, not an empty page.
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    private static void AssertOptionalClaim(JsonElement claims, string name, string? expected)
    {
        if (expected is null)
        {
            Assert.False(claims.TryGetProperty(name, out _), $"Unexpected claim '{name}'.");
        }
        else
        {
            Assert.Equal(expected, claims.GetProperty(name).GetString());
        }
    }
}
