using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Workflow.Gateway;

/// <summary>
/// Signs tokens. Reads the real clock, never the platform's movable dev clock: moving a demo forward by a
/// month must not expire everyone's session, nor let a token outlive its twelve real hours.
/// </summary>
public sealed class JwtTokenIssuer(JwtSigningKey signingKey, IOptions<LandFlowAuthOptions> options, TimeProvider realClock)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public IssuedToken Issue(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = realClock.GetUtcNow().UtcDateTime;
        var expires = now + LandFlowAuthOptions.TokenLifetime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
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
