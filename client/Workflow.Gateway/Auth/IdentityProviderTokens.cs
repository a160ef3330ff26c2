using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Workflow.Gateway;

/// <summary>
/// The bearer scheme when API tokens come from an identity provider: signed with an asymmetric key of its
/// JWKS (discovered from an OpenID Connect authority, or a file), for this API's audience, with an expiry;
/// HS256 and every other symmetric algorithm refused, so the gateway's own key signs no API token then.
/// </summary>
public static class IdentityProviderTokens
{
    /// <summary>The algorithms of public-key signatures; a provider's JWKS publishes keys for these.</summary>
    public static IReadOnlyList<string> Algorithms { get; } =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static void Configure(JwtBearerOptions options, LandFlowAuthOptions auth)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(auth);
        options.MapInboundClaims = false;
        options.TimeProvider = TimeProvider.System;
        var parameters = new TokenValidationParameters
        {
            ValidAudience = auth.Audience,
            ValidAlgorithms = Algorithms,
            NameClaimType = LandFlowClaimTypes.Name,
            RoleClaimType = LandFlowClaimTypes.Role,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = LandFlowAuthOptions.ClockSkew,
        };
        if (!string.IsNullOrWhiteSpace(auth.Authority))
        {
            // The handler reads the discovery document and its jwks_uri, refreshes them as the provider rotates
            // keys, and accepts the issuer the document names.
            options.Authority = auth.Authority;
            options.RequireHttpsMetadata = !IsLoopback(new Uri(auth.Authority));
        }
        else
        {
            parameters.ValidIssuer = auth.JwksIssuer;
            parameters.IssuerSigningKeys = JwksFile.Load(auth.JwksFile!);
        }

        options.TokenValidationParameters = parameters;
    }

    /// <summary>Keys fetched over plain HTTP could be swapped on the way; only a provider on this machine may skip TLS.</summary>
    public static bool IsLoopback(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
