using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Workflow.Gateway.Tests;

/// <summary>
/// An OpenID Connect provider in miniature: an RSA key of its own, published as a JWKS, and (once started) a
/// discovery document and that JWKS served by Kestrel on a free loopback port. Mints the tokens tests send.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string Audience = "landflow-api";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private WebApplication? _server;

    public TestIdentityProvider()
    {
        _key = new RsaSecurityKey(_rsa) { KeyId = "test-" + Guid.NewGuid().ToString("N")[..8] };
    }

    /// <summary>The issuer: the authority's URL once started, a fixed name for a JWKS-file provider.</summary>
    public string Issuer { get; private set; } = "https://id.test.invalid/realms/landflow";

    /// <summary>The public half only, as a provider publishes it.</summary>
    public string JwksJson()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(includePrivateParameters: false)) { KeyId = _key.KeyId });
        return JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, alg = SecurityAlgorithms.RsaSha256, n = jwk.N, e = jwk.E } },
        });
    }

    /// <summary>Serves <c>/.well-known/openid-configuration</c> and <c>/jwks</c> on loopback; <see cref="Issuer"/> becomes its URL.</summary>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
        }));
        _server.MapGet("/jwks", () => Results.Text(JwksJson(), "application/json"));
        await _server.StartAsync();
        var address = _server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Issuer = address.TrimEnd('/');
    }

    /// <summary>A token signed with the provider's key; <paramref name="claims"/> as the provider names them.</summary>
    public string Issue(
        IReadOnlyDictionary<string, object> claims,
        TimeSpan? lifetime = null,
        string? issuer = null,
        string audience = Audience,
        bool withExpiry = true)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Claims = claims.ToDictionary(claim => claim.Key, claim => claim.Value),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        };
        if (withExpiry)
        {
            var expires = now + (lifetime ?? TimeSpan.FromMinutes(5));
            descriptor.IssuedAt = expires < now ? expires.AddMinutes(-5) : now;
            descriptor.NotBefore = descriptor.IssuedAt;
            descriptor.Expires = expires;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = withExpiry }.CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _rsa.Dispose();
    }
}
