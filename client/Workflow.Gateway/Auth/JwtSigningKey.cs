using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Workflow.ServiceDefaults;

namespace Workflow.Gateway;

/// <summary>The one HMAC-SHA256 key that signs and checks every token of this deployment.</summary>
public sealed class JwtSigningKey
{
    public const string DevKeyFileName = "dev-signing-key";

    private JwtSigningKey(byte[] key, string origin)
    {
        SecurityKey = new SymmetricSecurityKey(key) { KeyId = KeyIdOf(key) };
        Origin = origin;
    }

    public SymmetricSecurityKey SecurityKey { get; }

    /// <summary>Where the key came from, for the start-up log: configuration or the dev key file's path.</summary>
    public string Origin { get; }

    public static JwtSigningKey Resolve(LandFlowAuthOptions auth, LandFlowOptions landFlow)
    {
        if (!string.IsNullOrWhiteSpace(auth.SigningKey))
        {
            if (!TryDecode(auth.SigningKey, out var configured, out var problem))
            {
                throw new InvalidOperationException($"{LandFlowAuthOptions.SectionName}:SigningKey {problem}");
            }

            return new JwtSigningKey(configured, "configuration");
        }

        if (!landFlow.IsEmbedded)
        {
            // The options validator reports this at start-up; this guards direct use.
            throw new InvalidOperationException($"{LandFlowAuthOptions.SectionName}:SigningKey is required in {landFlow.Mode} mode.");
        }

        var path = Path.Combine(landFlow.ResolveDataDirectory(), DevKeyFileName);
        return new JwtSigningKey(DevSigningKeyFile.LoadOrCreate(path), path);
    }

    public static bool TryDecode(string base64, [NotNullWhen(true)] out byte[]? key, [NotNullWhen(false)] out string? problem)
    {
        key = null;
        problem = null;
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            problem = "is not valid base64.";
            return false;
        }

        if (bytes.Length < LandFlowAuthOptions.MinimumKeyBytes)
        {
            problem = $"is {bytes.Length * 8} bits long; HMAC-SHA256 needs at least {LandFlowAuthOptions.MinimumKeyBytes * 8}.";
            return false;
        }

        key = bytes;
        return true;
    }

    internal static JwtSigningKey FromServices(IServiceProvider services)
    {
        var auth = services.GetRequiredService<IOptions<LandFlowAuthOptions>>().Value;
        var landFlow = services.GetRequiredService<IOptions<LandFlowOptions>>().Value;
        return Resolve(auth, landFlow);
    }

    // A short fingerprint in the token header, so a token signed by another key fails with a clear reason.
    private static string KeyIdOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
}
