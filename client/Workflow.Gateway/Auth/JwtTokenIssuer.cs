using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Workflow.Gateway;

/// <summary>
/// Signs tokens. Reads the real clock, never the platform's movable dev clock: moving a demo forward by a
/// month must not expire everyone's session, nor let a token outlive its real minutes.
/// </summary>
public sealed class JwtTokenIssuer(JwtSigningKey signingKey, IOptions<LandFlowAuthOptions> options, TimeProvider realClock)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>An API token: the configured audience and lifetime (<c>LandFlow:Auth:TokenLifetime</c>).</summary>
    public IssuedToken Issue(Caller caller) => Issue(caller, options.Value.Audience, options.Value.TokenLifetime, notAfter: null);

    /// <summary>
    /// A token for <paramref name="audience"/> that lasts <paramref name="lifetime"/> but never past
    /// <paramref name="notAfter"/> (the credential it was issued against), and at least a second.
    /// </summary>
    public IssuedToken Issue(Caller caller, string audience, TimeSpan lifetime, DateTimeOffset? notAfter)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        var now = realClock.GetUtcNow().UtcDateTime;
        var expires = now + lifetime;
        if (notAfter is { } limit && limit.UtcDateTime < expires)
        {
            expires = limit.UtcDateTime;
        }

        // A token must expire after it becomes valid.
        expires = expires > now ? expires : now.AddSeconds(1);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            Claims = caller.ToClaims().ToDictionary(claim => claim.Key, object (claim) => claim.Value),
            SigningCredentials = new SigningCredentials(signingKey.SecurityKey, SecurityAlgorithms.HmacSha256),
        };
        return new IssuedToken(_handler.CreateToken(descriptor), new DateTimeOffset(expires, TimeSpan.Zero));
    }
}

/// <summary>A signed token and when it stops being accepted.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);
