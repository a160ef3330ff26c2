namespace Workflow.Gateway;

/// <summary>The "LandFlow:Auth" configuration section: how bearer tokens are issued and checked.</summary>
public sealed class LandFlowAuthOptions
{
    public const string SectionName = "LandFlow:Auth";

    /// <summary>HMAC-SHA256 needs at least this many key bytes (256 bits).</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>A stolen token is worth minutes; a client asks for a new one (the dev route, or its identity provider).</summary>
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromMinutes(15);

    /// <summary>The longest <see cref="TokenLifetime"/> start-up accepts: long enough for a benchmark run, never a working day.</summary>
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>How far a token's <c>exp</c> and <c>nbf</c> may be off the gateway's clock: small, for clocks a little apart.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public string Issuer { get; set; } = "landflow";

    public string Audience { get; set; } = "landflow-api";

    /// <summary>
    /// Base64 HMAC-SHA256 key of at least 256 bits. Required in cluster mode; in embedded mode, when absent,
    /// one is generated into <c>{DataDirectory}/dev-signing-key</c> and reused.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>How long the API tokens this gateway issues (the dev token route) are accepted.</summary>
    public TimeSpan TokenLifetime { get; set; } = DefaultTokenLifetime;

    /// <summary>
    /// An OpenID Connect authority (its issuer URL): API tokens are then those it signs, with the keys of the
    /// <c>jwks_uri</c> its discovery document names, and the gateway's own HS256 tokens are refused.
    /// HTTPS, except on a loopback address.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>A JSON Web Key Set file holding the identity provider's public keys, instead of <see cref="Authority"/>.</summary>
    public string? JwksFile { get; set; }

    /// <summary>With <see cref="JwksFile"/>: the <c>iss</c> the identity provider's tokens carry (with an authority, its discovery document says).</summary>
    public string? JwksIssuer { get; set; }

    /// <summary>Which claims of the identity provider's tokens carry LandFlow's claims.</summary>
    public ExternalClaimNames Claims { get; set; } = new();

    /// <summary>API tokens come from an identity provider, not from this gateway's key.</summary>
    public bool UsesIdentityProvider => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(JwksFile);
}
