using System.Net;
using System.Net.Http.Json;
using System.Text.Json;


namespace Workflow.Gateway.Tests;

/// <summary>A gateway that reads its identity provider's public keys from a JWKS file, and the settings start-up refuses.</summary>
public sealed class JwksFileTests : IDisposable
{
    private readonly List<string> _files = [];

    [Fact]
    public async Task Me_TokenSignedByKeyOfTheJwksFile_AcceptedWithItsRole()
    {
        await using var provider = new TestIdentityProvider();
        var jwks = await WriteTempFileAsync(provider.JwksJson());
        await using var gateway = await GatewayFixture.StartAsync(new Dictionary<string, string?>
        {
            [LandFlowSettings.AuthJwksFile] = jwks,
            [LandFlowSettings.AuthJwksIssuer] = provider.Issuer,
        });
        var token = provider.Issue(new Dictionary<string, object>
        {
            ["sub"] = "leader-" + Guid.NewGuid().ToString("N")[..8],
            ["role"] = Roles.Leader,
        });

        using var response = await gateway.CreateClient(token).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Roles.Leader, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Start_JwksFileWithSymmetricKey_FailsWithClearMessage()
    {
        var jwks = await WriteTempFileAsync("""{"keys":[{"kty":"oct","kid":"shared","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}]}""");
        var settings = new Dictionary<string, string?>
        {
            [LandFlowSettings.AuthJwksFile] = jwks,
            [LandFlowSettings.AuthJwksIssuer] = "https://id.test.invalid",
        };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayFixture.StartAsync(settings));

        Assert.Contains("holds a symmetric ('oct') key", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AuthorityOverPlainHttpOffLoopback_FailsWithClearMessage()
    {
        var settings = new Dictionary<string, string?> { [LandFlowSettings.AuthAuthority] = "http://id.example.org/realms/landflow" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayFixture.StartAsync(settings));

        Assert.Contains("LandFlow:Auth:Authority 'http://id.example.org/realms/landflow' uses plain HTTP", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TokenLifetimeOverTheBound_FailsWithClearMessage()
    {
        var settings = new Dictionary<string, string?> { [LandFlowSettings.AuthTokenLifetime] = "12:00:00" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayFixture.StartAsync(settings));

        Assert.Contains("LandFlow:Auth:TokenLifetime is 12:00:00", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    private async Task<string> WriteTempFileAsync(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"landflow-jwks-{Guid.NewGuid():N}.json");
        _files.Add(path);
        await File.WriteAllTextAsync(path, text);
        return path;
    }
}
