using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;


namespace Workflow.Gateway.Tests;

/// <summary>The gateway's own tokens live minutes, and an expired one is refused after a small clock skew.</summary>
public sealed class TokenLifetimeTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Me_DevKeyTokenExpired45SecondsAgo_Refused401()
    {
        // Past the 30 s skew allowed (the former minute would have let it in).
        var token = SignWithDevKey(expires: DateTime.UtcNow.AddSeconds(-45));

        using var response = await gateway.CreateClient(token).GetAsync("/api/me");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("expired", ProblemAssert.Detail(problem), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Me_DevKeyTokenWithoutExpiry_Refused401()
    {
        var token = SignWithDevKey(expires: null);

        using var response = await gateway.CreateClient(token).GetAsync("/api/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_DevKeyTokenStillValid_Accepted()
    {
        var token = SignWithDevKey(expires: DateTime.UtcNow.AddMinutes(1));

        using var response = await gateway.CreateClient(token).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task DevToken_ConfiguredLifetime_ExpiresThen()
    {
        await using var shortLived = await GatewayFixture.StartAsync(new Dictionary<string, string?> { [LandFlowSettings.AuthTokenLifetime] = "00:05:00" });

        var token = new JsonWebToken(await shortLived.TokenForAsync("leader-li"));

        Assert.Equal(TimeSpan.FromMinutes(5), token.ValidTo - token.IssuedAt);
    }

    private string SignWithDevKey(DateTime? expires)
    {
        var key = gateway.Services.GetRequiredService<JwtSigningKey>().SecurityKey;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "landflow",
            Audience = "landflow-api",
            Claims = new Dictionary<string, object> { ["sub"] = "admin", ["role"] = Roles.Admin },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        if (expires is { } at)
        {
            descriptor.IssuedAt = at.AddMinutes(-15);
            descriptor.NotBefore = descriptor.IssuedAt;
            descriptor.Expires = at;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
