using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;


namespace Workflow.Gateway.Tests;

/// <summary>A gateway whose API tokens come from an OpenID Connect provider on loopback (<see cref="TestIdentityProvider"/>).</summary>
public sealed class IdentityProviderTokenTests(IdentityProviderTokenTests.OidcGateway fixture) : IClassFixture<IdentityProviderTokenTests.OidcGateway>
{
    [Fact]
    public async Task Me_ProviderTokenWithMappedClaims_AcceptedWithItsRole()
    {
        var token = fixture.Provider.Issue(new Dictionary<string, object>
        {
            ["sub"] = "officer-" + Guid.NewGuid().ToString("N")[..8],
            ["roles"] = new[] { "offline_access", Roles.Officer },
            ["department"] = "finance",
            ["county_code"] = "330522",
            ["name"] = "王科员",
            // Only the configured claim speaks for ours: a stray 'role' claim is ignored.
            ["role"] = Roles.Admin,
        });

        using var response = await fixture.Gateway.CreateClient(token).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Roles.Officer, me.GetProperty("role").GetString());
        Assert.Equal("王科员", me.GetProperty("name").GetString());
        var claims = me.GetProperty("claims");
        Assert.Equal("330522", claims.GetProperty("county").GetString());
        Assert.Equal("finance", claims.GetProperty("department").GetString());
    }

    [Fact]
    public async Task AdminRoute_ProviderTokenWithoutAdminRole_Forbidden()
    {
        var token = fixture.Provider.Issue(new Dictionary<string, object>
        {
            ["sub"] = "leader-" + Guid.NewGuid().ToString("N")[..8],
            ["roles"] = new[] { Roles.Leader },
        });

        using var response = await fixture.Gateway.CreateClient(token)
            .PostAsJsonAsync("/api/quota/330522/lots", new { lotId = "L-1", source = "test", areaMu = 1, paddyMu = 0, grade = 7, certifiedOn = "2025-06-30" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Me_Hs256TokenFromTheGatewaysOwnKey_Refused401()
    {
        var devToken = fixture.Gateway.Services.GetRequiredService<JwtTokenIssuer>()
            .Issue(DemoCallers.Of(DemoUsers.All.Single(user => user.Role == Roles.Admin))).Token;

        using var response = await fixture.Gateway.CreateClient(devToken).GetAsync("/api/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_ExpiredProviderToken_Refused401()
    {
        // Two minutes past expiry: beyond the clock skew allowed.
        var token = fixture.Provider.Issue(OfficerClaims(), lifetime: TimeSpan.FromMinutes(-2));

        using var response = await fixture.Gateway.CreateClient(token).GetAsync("/api/me");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("expired", ProblemAssert.Detail(problem), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Me_ProviderTokenWithoutExpiry_Refused401()
    {
        var token = fixture.Provider.Issue(OfficerClaims(), withExpiry: false);

        using var response = await fixture.Gateway.CreateClient(token).GetAsync("/api/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_ProviderTokenFromAnotherIssuer_Refused401()
    {
        var token = fixture.Provider.Issue(OfficerClaims(), issuer: "https://elsewhere.test.invalid");

        using var response = await fixture.Gateway.CreateClient(token).GetAsync("/api/me");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("issuer", ProblemAssert.Detail(problem), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Me_ProviderTokenForAnotherAudience_Refused401()
    {
        var token = fixture.Provider.Issue(OfficerClaims(), audience: "some-other-app");

        using var response = await fixture.Gateway.CreateClient(token).GetAsync("/api/me");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("audience", ProblemAssert.Detail(problem), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Me_ProviderTokenWithNoLandFlowRole_Refused401NamingTheClaim()
    {
        var token = fixture.Provider.Issue(new Dictionary<string, object>
        {
            ["sub"] = "someone-" + Guid.NewGuid().ToString("N")[..8],
            ["roles"] = new[] { "offline_access", "uma_authorization" },
        });

        using var response = await fixture.Gateway.CreateClient(token).GetAsync("/api/me");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("'roles'", ProblemAssert.Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_ProviderTokenWithTwoLandFlowRoles_Refused401()
    {
        var token = fixture.Provider.Issue(new Dictionary<string, object>
        {
            ["sub"] = "someone-" + Guid.NewGuid().ToString("N")[..8],
            ["roles"] = new[] { Roles.Officer, Roles.Admin },
        });

        using var response = await fixture.Gateway.CreateClient(token).GetAsync("/api/me");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("several LandFlow roles", ProblemAssert.Detail(problem), StringComparison.Ordinal);
    }

    private static Dictionary<string, object> OfficerClaims() => new()
    {
        ["sub"] = "officer-" + Guid.NewGuid().ToString("N")[..8],
        ["roles"] = new[] { Roles.Officer },
        ["department"] = "finance",
    };

    /// <summary>The provider on loopback and a gateway that trusts it, claims renamed as Keycloak or Entra ID name them.</summary>
    public sealed class OidcGateway : IAsyncLifetime
    {
        public TestIdentityProvider Provider { get; } = new();

        public GatewayFixture Gateway { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Provider.StartAsync();
            Gateway = await GatewayFixture.StartAsync(new Dictionary<string, string?>
            {
                [LandFlowSettings.AuthAuthority] = Provider.Issuer,
                [LandFlowSettings.AuthAudience] = TestIdentityProvider.Audience,
                [LandFlowSettings.AuthClaimsPrefix + "Role"] = "roles",
                [LandFlowSettings.AuthClaimsPrefix + "County"] = "county_code",
            });
        }

        public async Task DisposeAsync()
        {
            if (Gateway is not null)
            {
                await Gateway.DisposeAsync();
            }

            await Provider.DisposeAsync();
        }
    }
}
