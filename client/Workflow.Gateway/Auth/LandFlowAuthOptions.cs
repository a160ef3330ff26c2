namespace Workflow.Gateway;

/// <summary>The "LandFlow:Auth" configuration section: how bearer tokens are issued and checked.</summary>
public sealed class LandFlowAuthOptions
{
    public const string SectionName = "LandFlow:Auth";

    /// <summary>HMAC-SHA256 needs at least this many key bytes (256 bits).</summary>
    public const int MinimumKeyBytes = 32;

    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);

    public string Issuer { get; set; } = "landflow";

    public string Audience { get; set; } = "landflow-api";

    /// <summary>
    /// Base64 HMAC-SHA256 key of at least 256 bits. Required in cluster mode; in embedded mode, when absent,
    /// one is generated into <c>{DataDirectory}/dev-signing-key</c> and reused.
    /// </summary>
    public string? SigningKey { get; set; }
}
